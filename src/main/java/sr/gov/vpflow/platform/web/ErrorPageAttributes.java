package sr.gov.vpflow.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What the framework's error page says when no controller answered (an address of the API that
 * does not exist, a method it does not offer): for JSON, the same RFC 9457 shape with a stable
 * {@code code} as every other refusal of the API, without the framework's internals; the pages'
 * error template reads {@code status} as before.
 */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> framework = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status = framework.get("status") instanceof Integer s ? s : 500;
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", detail(status));
        problem.put("instance", framework.get("path"));
        problem.put("code", code(status));
        return problem;
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not answer that method.";
            case 406 -> "This address cannot answer in a type the request accepts.";
            default -> status >= 500 ? "The server could not complete the request." : "The request was not valid.";
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "server_error" : "error";
        };
    }
}
