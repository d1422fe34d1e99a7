package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/** A JSON body is read only up to a bound: a few megabytes of unknown keys are refused, not parsed. */
class RequestBodyLimitIT extends IntegrationTest {

    /** 3.5 MB of a guest with 300,000 keys nobody asked for. */
    private static String hugeGuest() {
        StringBuilder body = new StringBuilder("{\"full_name\":\"Groot\"");
        for (int i = 0; i < 300_000; i++) {
            body.append(",\"k").append(i).append("\":1");
        }
        return body.append('}').toString();
    }

    @Test
    void aJsonBodyOverTheBoundIsRefusedWith413WhetherItDeclaresItsLengthOrNot() {
        Account secretary = accounts.create(Role.SECRETARY);
        String body = hugeGuest();
        assertThat(body.length()).isGreaterThan(3_000_000);
        long before = guests();

        Api.Response declared = api.post("/api/v1/guests", secretary, body);
        assertThat(declared.status()).as(declared.body()).isEqualTo(413);
        assertThat(declared.json().get("code").asString()).isEqualTo("body_too_large");

        Api.Response chunked = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/guests"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((secretary.username() + ":" + secretary.password())
                                                .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.json().get("code").asString()).isEqualTo("body_too_large");
        assertThat(guests()).isEqualTo(before);

        // an ordinary body still works
        assertThat(api.post("/api/v1/guests", secretary, java.util.Map.of("full_name", "Gewoon"))
                        .status())
                .isEqualTo(201);
    }

    private long guests() {
        return accounts.asSystem(
                Role.SECRETARY,
                () -> tx.execute(s -> jdbc.sql("SELECT count(*) FROM guests")
                        .query(Long.class)
                        .single()));
    }
}
