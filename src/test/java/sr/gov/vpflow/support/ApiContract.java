package sr.gov.vpflow.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds every answer of the API that a test receives to the OpenAPI description the server
 * serves: the operation must document the status, the content type, and the body must match the
 * schema (JSON Schema 2020-12, OpenAPI 3.1's dialect). An answer that the description does not
 * document fails the test that received it.
 */
public final class ApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static volatile ApiContract loaded;

    private final JsonNode description;
    private final JsonNode definitions;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private ApiContract(JsonNode description) {
        this.description = description;
        // components.schemas as $defs, so that one schema document resolves every reference
        this.definitions = JSON.readTree(
                JSON.writeValueAsString(description.path("components").path("schemas"))
                        .replace("\"#/components/schemas/", "\"#/$defs/"));
        description.path("paths").propertyNames().forEach(path -> templates.add(Template.of(path)));
        templates.sort((a, b) -> Integer.compare(a.variables, b.variables));
    }

    /** Whether the description is known: it is read once, with the first signed-in request. */
    static boolean loaded() {
        return loaded != null;
    }

    static synchronized void load(Api api, TestAccounts.Account as) {
        if (loaded == null) {
            Api.Response response = api.getUnchecked("/api/v1/openapi", as);
            if (response.status() == 200) {
                loaded = new ApiContract(response.json());
            }
        }
    }

    static void check(String method, URI uri, HttpResponse<String> response) {
        check(
                method,
                uri,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    /** Fails when the answer is not what the description says this operation answers. */
    public static void check(String method, URI uri, int statusCode, String contentType, String body) {
        ApiContract contract = loaded;
        String path = uri.getPath();
        if (contract == null
                || !path.startsWith("/api/v1/")
                || path.startsWith("/api/v1/openapi")
                || path.startsWith("/api/v1/docs")) {
            return;
        }
        contract.verify(method.toLowerCase(Locale.ROOT), path, statusCode, contentType, body);
    }

    private void verify(String method, String path, int statusCode, String contentType, String body) {
        Template template =
                templates.stream().filter(t -> t.matches(path)).findFirst().orElse(null);
        if (template == null) {
            return; // not an operation of the API (an unknown address answers 404 as any)
        }
        JsonNode operation = description.path("paths").path(template.path).path(method);
        if (operation.isMissingNode()) {
            return; // a method the address does not offer (405)
        }
        String status = Integer.toString(statusCode);
        JsonNode documented = operation.path("responses").path(status);
        String where = method.toUpperCase(Locale.ROOT) + " " + template.path + " answered " + status;
        if (documented.isMissingNode()) {
            throw new AssertionError(where + ", which the description does not document: " + body);
        }
        JsonNode content = documented.path("content");
        String type = contentType == null ? null : contentType.split(";")[0].strip();
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(where + " with a body the description does not document: " + type);
            }
            return;
        }
        if (type == null || content.path(type).isMissingNode()) {
            throw new AssertionError(where + " as " + type + "; the description documents " + content.propertyNames());
        }
        if (!type.endsWith("json")) {
            return;
        }
        JsonNode schemaNode = content.path(type).path("schema");
        Schema schema = compiled.computeIfAbsent(template.path + " " + method + " " + status + " " + type, key -> {
            ObjectNode document = JSON.createObjectNode();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.set("$defs", definitions);
            document.set(
                    "allOf",
                    JSON.createArrayNode()
                            .add(JSON.readTree(JSON.writeValueAsString(schemaNode)
                                    .replace("\"#/components/schemas/", "\"#/$defs/"))));
            return SCHEMAS.getSchema(document);
        });
        List<Error> errors = schema.validate(JSON.readTree(body));
        if (!errors.isEmpty()) {
            throw new AssertionError(where + " with a body the description does not allow: "
                    + errors.stream().map(Error::toString).toList() + " in " + body);
        }
    }

    private record Template(String path, Pattern pattern, int variables) {

        static Template of(String path) {
            int variables = path.split("\\{", -1).length - 1;
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return new Template(path, Pattern.compile(regex), variables);
        }

        boolean matches(String candidate) {
            return pattern.matcher(candidate).matches();
        }
    }
}
