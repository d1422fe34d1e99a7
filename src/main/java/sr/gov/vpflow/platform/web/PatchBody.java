package sr.gov.vpflow.platform.web;

import java.util.Set;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one meaning of {@code PATCH} in the API: a member left out keeps its value, {@code null}
 * clears it (a required member cannot be cleared: {@code required}), a member the operation does
 * not know is {@code unknown_field}, one that changes through another operation
 * {@code not_editable} — all as {@code 400 validation_failed}, every member named.
 * The edit records read "left out" as null and "cleared" as an empty text.
 */
public final class PatchBody {

    private PatchBody() {}

    /**
     * @param editable the members that may be sent
     * @param required the members that may not be cleared
     * @param elsewhere the members that change through another operation ({@code not_editable})
     * @param labels the prefix of the page's names for the fields, see {@link FieldErrors}
     */
    public static <T> T read(
            JsonMapper json,
            JsonNode body,
            Class<T> type,
            Set<String> editable,
            Set<String> required,
            Set<String> elsewhere,
            String labels) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("malformed_body", "The request body must be a JSON object.");
        }
        ObjectNode edit = ((ObjectNode) body).deepCopy();
        FieldErrors errors = new FieldErrors(labels);
        for (String member : body.propertyNames()) {
            if (elsewhere.contains(member)) {
                errors.add(member, "not_editable");
            } else if (!editable.contains(member)) {
                errors.add(member, "unknown_field");
            } else if (body.get(member).isNull() && required.contains(member)) {
                errors.add(member, "required");
            } else if (body.get(member).isNull() && !member.equals("version")) {
                edit.put(member, "");
            }
        }
        errors.throwIfAny();
        try {
            return json.treeToValue(edit, type);
        } catch (DatabindException e) {
            String member = e.getPath().isEmpty() ? null : e.getPath().get(0).getPropertyName();
            if (member != null) {
                throw FieldErrors.one(labels, member, "invalid_value");
            }
            throw malformed();
        } catch (JacksonException e) {
            throw malformed();
        }
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest(
                "malformed_body", "The request body is not valid JSON of the expected shape.");
    }
}
