package sr.gov.vpflow.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.annotation.Nullable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What the description says about the records' members. A member a record may write as
 * {@code null} is marked {@link Nullable} and described with the type {@code "null"} besides its
 * own (OpenAPI 3.1), or, in a record that leaves null members out, is not required; every member of an answer is {@code required}, since the API always writes
 * every member (null included). A request's required members are the ones its record marks with
 * {@code @Schema(requiredMode = REQUIRED)}.
 */
final class ApiSchemas {

    /** The members a record leaves out when they are null ({@code @JsonInclude(NON_NULL)}), by schema. */
    private static final Map<String, Set<String>> OPTIONAL = new ConcurrentHashMap<>();

    private ApiSchemas() {}

    /** Reads {@link Nullable} from the records' components. */
    static final class NullableMembers implements ModelConverter {

        @Override
        public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
            if (!chain.hasNext()) {
                return null;
            }
            Schema<?> resolved = chain.next().resolve(type, context, chain);
            Class<?> raw = rawClass(type);
            if (resolved == null || raw == null || !raw.isRecord()) {
                return resolved;
            }
            Schema<?> model = resolved.get$ref() == null
                    ? resolved
                    : context.getDefinedModels()
                            .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1));
            if (model == null || model.getProperties() == null) {
                return resolved;
            }
            JsonInclude include = raw.getAnnotation(JsonInclude.class);
            boolean leftOut = include != null && include.value() == JsonInclude.Include.NON_NULL;
            for (RecordComponent component : raw.getRecordComponents()) {
                if (component.isAnnotationPresent(Nullable.class) && leftOut) {
                    OPTIONAL.computeIfAbsent(
                                    model.getName() == null ? raw.getSimpleName() : model.getName(),
                                    n -> ConcurrentHashMap.newKeySet())
                            .add(ApiExceptionHandler.snakeCase(component.getName()));
                } else if (component.isAnnotationPresent(Nullable.class)) {
                    String name = ApiExceptionHandler.snakeCase(component.getName());
                    Schema<?> property = model.getProperties().get(name);
                    if (property != null) {
                        model.getProperties().put(name, nullable(property));
                    }
                }
            }
            return resolved;
        }

        private static Class<?> rawClass(AnnotatedType type) {
            if (type.getType() instanceof Class<?> c) {
                return c;
            }
            if (type.getType() instanceof JavaType javaType) {
                return javaType.getRawClass();
            }
            try {
                return TypeFactory.defaultInstance()
                        .constructType(type.getType())
                        .getRawClass();
            } catch (RuntimeException e) {
                return null;
            }
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        private static Schema<?> nullable(Schema<?> property) {
            if (property.get$ref() != null) {
                Schema wrapper = new Schema<>();
                Schema none = new Schema<>();
                none.setTypes(Set.of("null"));
                wrapper.setAnyOf(List.of(new Schema<>().$ref(property.get$ref()), none));
                return wrapper;
            }
            Set<String> types = property.getTypes() == null ? new HashSet<>() : new HashSet<>(property.getTypes());
            if (types.isEmpty() && property.getType() != null) {
                types.add(property.getType());
            }
            types.add("null");
            property.setTypes(types);
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                ((Schema) property).addEnumItemObject(null);
            }
            return property;
        }
    }

    /** Marks every member of the answers' schemas required; the requests' stay as declared. */
    static final class RequiredMembers implements OpenApiCustomizer {

        @Override
        public void customise(OpenAPI api) {
            Map<String, Schema> schemas =
                    api.getComponents() == null ? null : api.getComponents().getSchemas();
            if (schemas == null || api.getPaths() == null) {
                return;
            }
            Set<String> requests = new HashSet<>();
            api.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        if (operation.getRequestBody() != null
                                && operation.getRequestBody().getContent() != null) {
                            operation
                                    .getRequestBody()
                                    .getContent()
                                    .values()
                                    .forEach(media -> collect(media.getSchema(), schemas, requests));
                        }
                    }));
            schemas.forEach((name, schema) -> {
                if (!requests.contains(name) && schema.getProperties() != null && !name.equals(ApiRefusals.PROBLEM)) {
                    List<String> required =
                            new ArrayList<>(schema.getProperties().keySet());
                    required.removeAll(OPTIONAL.getOrDefault(name, Set.of()));
                    schema.setRequired(required);
                }
            });
        }

        private static void collect(Schema<?> schema, Map<String, Schema> schemas, Set<String> names) {
            if (schema == null) {
                return;
            }
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                if (names.add(name)) {
                    collect(schemas.get(name), schemas, names);
                }
                return;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> collect(p, schemas, names));
            }
            collect(schema.getItems(), schemas, names);
        }
    }
}
