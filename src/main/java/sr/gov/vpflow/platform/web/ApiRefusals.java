package sr.gov.vpflow.platform.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents every refusal of an API operation as a problem with its {@code code}s: the ones every
 * operation of its kind has (401 and 403 where a caller must sign in, 400 for a body or a
 * parameter, 404 for a record named in the path, 413 for a body, 503 while the database is
 * away) and the operation's own ({@link Refusal}).
 */
class ApiRefusals implements OperationCustomizer {

    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<Integer, Set<String>> refusals = new TreeMap<>();
        boolean open =
                operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (!open) {
            add(refusals, 401, "unauthorized");
            add(refusals, 403, "forbidden");
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)
                    || parameter.hasParameterAnnotation(RequestPart.class)) {
                add(refusals, 400, "validation_failed", "malformed_body");
                add(refusals, 413, "body_too_large");
            }
            if (parameter.hasParameterAnnotation(RequestParam.class)
                    || parameter.hasParameterAnnotation(PathVariable.class)) {
                add(refusals, 400, "invalid_parameter");
            }
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            if (path != null
                    && (parameter.getParameterName() != null
                                    && parameter.getParameterName().equals("id")
                            || path.value().equals("id"))) {
                add(refusals, 404, "not_found");
            }
        }
        for (Refusal refusal : handler.getMethod().getAnnotationsByType(Refusal.class)) {
            add(refusals, refusal.status(), refusal.codes());
        }
        add(refusals, 503, "database_unavailable");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        refusals.forEach((status, codes) -> {
            String key = Integer.toString(status);
            if (!responses.containsKey(key)) {
                responses.addApiResponse(key, response(status, codes));
            }
        });
        operation.setResponses(responses);
        return operation;
    }

    private static void add(Map<Integer, Set<String>> refusals, int status, String... codes) {
        refusals.computeIfAbsent(status, s -> new LinkedHashSet<>()).addAll(List.of(codes));
    }

    private static ApiResponse response(int status, Set<String> codes) {
        HttpStatus known = HttpStatus.resolve(status);
        Schema<?> code = new StringSchema()._enum(new ArrayList<>(codes));
        Schema<?> schema = new Schema<>()
                .allOf(List.of(
                        new Schema<>().$ref("#/components/schemas/" + PROBLEM),
                        new ObjectSchema().addProperty("code", code)));
        return new ApiResponse()
                .description((known == null ? "Refused" : known.getReasonPhrase()) + ": " + String.join(", ", codes))
                // problem+json, or plain JSON to a client that accepts only that
                .content(new Content()
                        .addMediaType(PROBLEM_MEDIA_TYPE, new MediaType().schema(schema))
                        .addMediaType("application/json", new MediaType().schema(schema)));
    }

    /** RFC 9457 problem details with VP-Flow's stable code, and the fields for validation_failed. */
    static Schema<?> problem() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the member, as the request named it"))
                .addProperty(
                        "code",
                        new StringSchema()
                                ._enum(List.of(
                                        "required",
                                        "too_long",
                                        "invalid_value",
                                        "invalid_date",
                                        "invalid_id",
                                        "invalid_email",
                                        "unknown_field",
                                        "not_editable",
                                        "guest_mismatch",
                                        "conflicts_with_due_date",
                                        "out_of_range")))
                .addProperty("max", new IntegerSchema().description("the longest allowed length, for too_long"))
                .addProperty("message", new StringSchema().description("words for a developer"));
        fieldError.setRequired(List.of("field", "code", "message"));
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details; code is stable, the words are not.")
                .addProperty("type", new StringSchema().format("uri-reference"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("what went wrong, for a program"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(fieldError)
                                .description("for validation_failed: every field that is not valid"));
        problem.setRequired(List.of("status", "code"));
        return problem;
    }
}
