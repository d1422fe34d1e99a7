package sr.gov.vpflow.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body is read up to {@link #MAX_BYTES} and no further: one that declares more is
 * refused before it is read, one that does not say (chunked) is cut off at the bound. Either is
 * a 413 problem with the code {@code body_too_large}. No body VP-Flow accepts comes near it;
 * uploads (multipart) have their own limits.
 */
final class JsonBodyLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(JsonBodyLimit.class);
    static final long MAX_BYTES = 1024 * 1024;

    private final JsonMapper json;

    JsonBodyLimit(JsonMapper json) {
        this.json = json;
    }

    /** A body cut off at the bound; the API's exception handler answers 413. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the body is larger than " + MAX_BYTES + " bytes");
        }
    }

    static ProblemDetail problem(URI instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than " + MAX_BYTES / 1024 + " KB.");
        problem.setInstance(instance);
        problem.setProperty("code", "body_too_large");
        problem.setProperty("max_bytes", MAX_BYTES);
        return problem;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return true;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return !(media.getSubtype().equals("json") || media.getSubtype().endsWith("+json"));
        } catch (RuntimeException e) {
            return false; // an unreadable content type is bounded too
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            log.info(
                    "a body of {} bytes was refused on {} {}",
                    request.getContentLengthLong(),
                    request.getMethod(),
                    LoggedPaths.of(request));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // the unread body is not worth reading to keep the connection
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), problem(URI.create(request.getRequestURI())));
            return;
        }
        chain.doFilter(new Bounded(request), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Bounded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        private int counted(int n) throws IOException {
            if (n > 0) {
                read += n;
                if (read > MAX_BYTES) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
