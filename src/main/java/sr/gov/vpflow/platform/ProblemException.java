package sr.gov.vpflow.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on. It becomes an RFC 9457 problem with a stable {@code code} in
 * the API and a translated message ({@code problem.<code>}) in the web pages. Modules subclass it
 * with static factories that say why.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Object[] messageArguments;

    protected ProblemException(HttpStatus status, String code, String detail, Object... messageArguments) {
        super(detail);
        this.status = status;
        this.code = code;
        this.messageArguments = messageArguments;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not_found", what + " was not found");
    }

    public static ProblemException badRequest(String code, String detail, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, detail, args);
    }

    public static ProblemException conflict(String code, String detail, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, code, detail, args);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, code, detail);
    }

    /** Adds a member to the problem body, such as the record that conflicts. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Object[] messageArguments() {
        return messageArguments.clone();
    }
}
