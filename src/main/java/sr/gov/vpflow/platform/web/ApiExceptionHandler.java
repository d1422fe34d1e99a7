package sr.gov.vpflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import sr.gov.vpflow.platform.CredentialsRefusedException;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.db.DatabaseFailures;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the JSON API as RFC 9457 problem details with a stable {@code code}. Database
 * refusals are the second line behind the services' own checks; they map to the same codes.
 */
@RestControllerAdvice(annotations = ApiController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        ProblemDetail body = body(e.status(), e.code(), e.getMessage(), request);
        e.properties().forEach(body::setProperty);
        return ResponseEntity.status(e.status()).body(body);
    }

    @ExceptionHandler(CredentialsRefusedException.class)
    ResponseEntity<ProblemDetail> credentialsRefused(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"VP-Flow\"")
                .body(body(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        "These credentials are no longer valid: sign in again.",
                        request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail body = body(
                HttpStatus.BAD_REQUEST,
                "invalid_parameter",
                "The value of '" + e.getName() + "' is not valid.",
                request);
        body.setProperty("parameter", e.getName());
        return ResponseEntity.badRequest().body(body);
    }

    /** The database cannot be reached (down, restarting): 503 with a time to try again. */
    @ExceptionHandler(TransactionException.class)
    ResponseEntity<ProblemDetail> transaction(TransactionException e, HttpServletRequest request) {
        if (!DatabaseFailures.unavailable(e)) {
            log.error("transaction failure on {} {}: {}", request.getMethod(), LoggedPaths.of(request), e.getMessage());
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(body(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "database_error",
                            "The database could not complete the request.",
                            request));
        }
        return unavailable(e, request);
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        log.warn("database unavailable on {} {}: {}", request.getMethod(), LoggedPaths.of(request), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailableFilter.unavailable(URI.create(request.getRequestURI())));
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e, HttpServletRequest request) {
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e, request);
        }
        DatabaseRefusal refusal = DatabaseRefusal.of(e);
        if (refusal.status().is5xxServerError()) {
            log.error(
                    "database error on {} {}: {}",
                    request.getMethod(),
                    LoggedPaths.of(request),
                    e.getMostSpecificCause().getMessage());
        }
        return ResponseEntity.status(refusal.status())
                .body(body(refusal.status(), refusal.code(), refusal.detail(), request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are not valid.");
        body.setProperty("code", "validation_failed");
        List<FieldErrors.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ApiExceptionHandler::fieldError)
                .toList();
        body.setProperty("errors", FieldErrors.body(errors));
        return ResponseEntity.badRequest().body(body);
    }

    /** A Bean Validation refusal in the same words as the modules' own field rules. */
    private static FieldErrors.FieldError fieldError(FieldError error) {
        String field = snakeCase(error.getField());
        String constraint = error.getCode() == null ? "" : error.getCode();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> new FieldErrors.FieldError(field, "required", null);
            case "Size" -> new FieldErrors.FieldError(field, "too_long", sizeMax(error));
            default -> new FieldErrors.FieldError(field, "invalid_value", null);
        };
    }

    private static Integer sizeMax(FieldError error) {
        Object[] arguments = error.getArguments();
        // Bean Validation's arguments for @Size: the field's name, then max, then min.
        return arguments != null && arguments.length > 1 && arguments[1] instanceof Integer max ? max : null;
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonBodyLimit.TooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(JsonBodyLimit.problem(
                                URI.create(((org.springframework.web.context.request.ServletWebRequest) request)
                                        .getRequest()
                                        .getRequestURI())));
            }
        }
        FieldErrors.Invalid invalid = invalidMember(e);
        if (invalid != null) {
            return ResponseEntity.badRequest()
                    .body(problem(invalid, ((ServletWebRequest) request).getRequest())
                            .getBody());
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
        body.setProperty("code", "malformed_body");
        return ResponseEntity.badRequest().body(body);
    }

    /**
     * A well-formed body with a member the operation does not know, or a member of the wrong type:
     * the same {@code validation_failed} as any other invalid field, naming the member.
     */
    private static FieldErrors.Invalid invalidMember(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return FieldErrors.one("api.field.", memberPath(unknown, unknown.getPropertyName()), "unknown_field");
            }
            if (cause instanceof MismatchedInputException mismatch
                    && !mismatch.getPath().isEmpty()) {
                return FieldErrors.one("api.field.", memberPath(mismatch, null), "invalid_value");
            }
        }
        return null;
    }

    /** The member's name as the client wrote it, dotted when it is nested. */
    private static String memberPath(DatabindException e, String last) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            String name = reference.getPropertyName();
            if (name != null) {
                path.append(path.isEmpty() ? "" : ".").append(name);
            }
        }
        if (last != null && !path.toString().endsWith(last)) {
            path.append(path.isEmpty() ? "" : ".").append(last);
        }
        return path.isEmpty() ? String.valueOf(last) : path.toString();
    }

    /**
     * An operation that writes another type than the client accepts (the calendar feed to a client
     * that takes JSON only): 406 as a problem, written in spite of the operation's own type.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            org.springframework.web.HttpMediaTypeNotAcceptableException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        request.removeAttribute(
                org.springframework.web.servlet.HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE,
                WebRequest.SCOPE_REQUEST);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_ACCEPTABLE,
                "This answer is only available as " + e.getSupportedMediaTypes() + "; send an Accept header that"
                        + " allows it.");
        body.setProperty("code", "not_acceptable");
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** Spring MVC's own errors (unsupported method, missing parameter, ...) get a code as well. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", codeFor(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "error";
        };
    }

    static ProblemDetail body(HttpStatusCode status, String code, String detail, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setInstance(URI.create(request.getRequestURI()));
        body.setProperty("code", code);
        return body;
    }

    /** What a database refusal means to the caller. */
    record DatabaseRefusal(HttpStatus status, String code, String detail) {

        static DatabaseRefusal of(DataAccessException e) {
            String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
            if (state == null) {
                return new DatabaseRefusal(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "database_error",
                        "The database could not complete the request.");
            }
            return switch (state) {
                case "23505" -> new DatabaseRefusal(HttpStatus.CONFLICT, "duplicate", "That record exists already.");
                case "23P01" ->
                    new DatabaseRefusal(HttpStatus.CONFLICT, "conflict", "That would overlap with another record.");
                case "23503" ->
                    new DatabaseRefusal(
                            HttpStatus.NOT_FOUND, "reference_not_found", "A record this refers to does not exist.");
                case "23514", "23502", "22001", "22P02", "22007", "22008" ->
                    new DatabaseRefusal(HttpStatus.BAD_REQUEST, "validation_failed", "A value is not valid.");
                case "42501" -> new DatabaseRefusal(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.");
                case "VPF01", "VPF02", "VPF06" ->
                    new DatabaseRefusal(HttpStatus.CONFLICT, "immutable", "This record cannot be changed or removed.");
                case "VPF03", "VPF04" ->
                    new DatabaseRefusal(
                            HttpStatus.CONFLICT, "invalid_transition", "That change of state is not allowed.");
                case "VPF05" -> new DatabaseRefusal(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.");
                case "VPF20" ->
                    new DatabaseRefusal(HttpStatus.CONFLICT, "already_decided", "That request was decided already.");
                case "VPF10" ->
                    new DatabaseRefusal(
                            HttpStatus.UNAUTHORIZED,
                            "unauthorized",
                            "These credentials are no longer valid: sign in again.");
                case "40001", "40P01" ->
                    new DatabaseRefusal(
                            HttpStatus.CONFLICT,
                            "concurrent_update",
                            "Someone else changed this at the same time; try again.");
                default ->
                    new DatabaseRefusal(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "database_error",
                            "The database could not complete the request.");
            };
        }
    }
}
