package sr.gov.vpflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import sr.gov.vpflow.platform.db.DatabaseFailures;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outermost answer when the database cannot be reached, wherever in the request that shows
 * (recognising the caller's token happens before any controller): 503 with {@code Retry-After},
 * a problem with the code {@code database_unavailable} for the API, a short page for people.
 * Never a 500, never blamed on the client. Controllers' own failures are answered the same way
 * by the exception handlers.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final JsonMapper json;

    DatabaseUnavailableFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseFailures.unavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable on {} {}: {}", request.getMethod(), LoggedPaths.of(request), rootMessage(e));
            write(request, response);
        }
    }

    void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseFailures.RETRY_AFTER_SECONDS));
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemDetail problem = unavailable(URI.create(request.getRequestURI()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream()
                    .write(
                            ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>VP-Flow</title></head>"
                                            + "<body><h1>VP-Flow</h1><p>De database is even niet bereikbaar. Probeer het over"
                                            + " enkele seconden opnieuw.</p><p lang=\"en\">The database cannot be reached for a"
                                            + " moment. Please try again in a few seconds.</p></body></html>")
                                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    static ProblemDetail unavailable(URI instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The database cannot be reached for a moment; try again shortly.");
        problem.setInstance(instance);
        problem.setProperty("code", "database_unavailable");
        return problem;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
