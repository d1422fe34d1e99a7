package sr.gov.vpflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: JSON in and out, HTTP Basic or a cookie session. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http;

    public Api(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Response get(String path, TestAccounts.Account as) {
        return send(request(path, as).GET());
    }

    /** A GET whose answer is not held to the API's description (to read the description itself). */
    Response getUnchecked(String path, TestAccounts.Account as) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        builder.header("Authorization", basicHeader(as.username(), as.password()));
        return new Response(exchange(builder.GET().build()));
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, TestAccounts.Account as, Object body) {
        return send(request(path, as)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response delete(String path, TestAccounts.Account as) {
        return send(request(path, as).DELETE());
    }

    public Response put(String path, TestAccounts.Account as, Object body) {
        return send(request(path, as)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response patch(String path, TestAccounts.Account as, Object body) {
        return send(request(path, as)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public Response postForm(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    /** Fields as a browser's form sends them ({@code application/x-www-form-urlencoded}). */
    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public Response basic(String path, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basicHeader(username, password))
                .GET());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, TestAccounts.Account as) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json, */*");
        if (as != null) {
            builder.header("Authorization", basicHeader(as.username(), as.password()));
            if (!ApiContract.loaded()) {
                ApiContract.load(this, as);
            }
        }
        return builder;
    }

    private static String basicHeader(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request; an answer of the API is held to its OpenAPI description ({@link ApiContract}). */
    public Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response = exchange(request);
        ApiContract.check(request.method(), request.uri(), response);
        return new Response(response);
    }

    /** A GET whose answer is kept as bytes, such as a PDF. */
    public HttpResponse<byte[]> bytes(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }

    /** A response; {@link #json()} parses the body. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public java.util.List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        /** A {@code 400 validation_failed} problem's errors as {@code field:code}, in order. */
        public java.util.List<String> fieldErrors() {
            if (raw.statusCode() != 400
                    || !"validation_failed".equals(json().path("code").asString())) {
                throw new AssertionError("not a validation_failed problem: " + this);
            }
            java.util.List<String> named = new java.util.ArrayList<>();
            for (JsonNode error : json().get("errors")) {
                named.add(
                        error.get("field").asString() + ":" + error.get("code").asString());
            }
            return named;
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
