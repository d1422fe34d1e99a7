package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.appointments.Slots;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.ExternalPostgres;
import sr.gov.vpflow.support.Haproxy;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.S3Server;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.TextSamples;
import sr.gov.vpflow.support.Uploads;

/**
 * Two VP-Flow instances on one external PostgreSQL and one S3 bucket behind HAProxy, as the
 * README's "Running more than one instance" sets them up (docs/deploy/haproxy-instances.cfg): a
 * governed migration holds its lock against the other instance and the command line, a plan
 * applied from the command line is seen by both without a restart, a user signs in through one and
 * goes on through the other, a document uploaded on one is downloaded from the other, an account
 * disabled on one is refused on the other at once, and the background work (mail, the text of
 * documents) is done once.
 */
class SeveralInstancesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final String[] APPROVALS = {
        "--approve-plan", "R. Pahalwankhan|VP-BESLUIT-2026-031|2026-11-30",
        "--approve-rls", "R. Pahalwankhan|DOC9-2026-011|2026-11-30"
    };

    @Test
    void twoInstancesBehindHaproxyServeAsOne() throws Exception {
        String password = "Ext-" + UUID.randomUUID();
        EmbeddedPostgres postgres = ExternalPostgres.start(
                IntegrationTest.newDataDir("instances-cluster").resolve("postgres"), 0);
        ExternalPostgres.createOffice(postgres, password);
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/office";
        int smtpPort = Haproxy.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        S3Server s3 = S3Server.start("documents");
        List<String> shared = List.of(
                "vpflow.db.url=" + url,
                "vpflow.db.user=office_owner",
                "vpflow.db.password=" + password,
                "vpflow.store=s3",
                "vpflow.s3.endpoint=" + s3.endpoint(),
                "vpflow.s3.bucket=documents",
                "vpflow.s3.region=us-east-1",
                "vpflow.s3.access-key=" + s3.accessKey(),
                "vpflow.s3.secret-key=" + s3.secretKey(),
                "vpflow.s3.path-style=true",
                "vpflow.mail.host=127.0.0.1",
                "vpflow.mail.port=" + smtpPort,
                "vpflow.mail.from=secretariaat@vp.gov.sr",
                "vpflow.mail.tls=off",
                "vpflow.mail.send-every=PT1S",
                "vpflow.search.index-every=PT1S",
                "vpflow.schema.recheck=PT1S",
                // the office runs v1.0 until the operator applies the plans (below)
                "vpflow.schema-target=v1.0");
        Path dirA = IntegrationTest.newDataDir("instance-a");
        Path dirB = IntegrationTest.newDataDir("instance-b");
        try (ConfigurableApplicationContext a = StandaloneApplication.start(dirA, true, shared.toArray(String[]::new));
                ConfigurableApplicationContext b =
                        StandaloneApplication.start(dirB, true, shared.toArray(String[]::new))) {
            int portA = port(a);
            int portB = port(b);

            // a governed migration on one instance holds its lock against the other and the command line
            AtomicReference<Object> otherInstance = new AtomicReference<>();
            AtomicInteger commandLine = new AtomicInteger(-1);
            StringWriter cliErr = new StringWriter();
            MigrationReport v11a = a.getBean(MigrationRunner.class).run(MigrationIT.approved(), line -> {
                if (line.startsWith("step 3/") && otherInstance.get() == null) {
                    try {
                        otherInstance.set(
                                b.getBean(MigrationRunner.class).run(MigrationIT.approved(), Progress.none()));
                    } catch (ProblemException e) {
                        otherInstance.set(e);
                    }
                    commandLine.set(cli(dirB, url, password, cliErr, concat("migrate", "--plan", "v1.1-A")));
                }
            });
            assertThat(v11a.outcome()).as(v11a.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
            assertThat(otherInstance.get())
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.code()).isEqualTo("governance_busy"));
            assertThat(commandLine.get()).isNotZero();
            assertThat(cliErr.toString()).contains("governance_busy");

            // the plans v1.2 and v1.3 from the command line: both servers see them without a restart
            StringWriter err = new StringWriter();
            assertThat(cli(dirB, url, password, err, concat("migrate", "--plan", "v1.2")))
                    .as(err.toString())
                    .isZero();
            assertThat(cli(dirB, url, password, err, concat("migrate", "--plan", "v1.3")))
                    .as(err.toString())
                    .isZero();
            awaitTrue(
                    "both servers offer search",
                    () -> a.getBean(SchemaFeatures.class).isSearch()
                            && b.getBean(SchemaFeatures.class).isSearch());

            TestAccounts accounts = TestAccounts.of(a);
            TestAccounts.Account secretary = accounts.create(Role.SECRETARY);
            TestAccounts.Account admin = accounts.create(Role.ADMIN);

            try (Haproxy haproxy = Haproxy.start(
                    "haproxy-instances.cfg",
                    config -> config.replace("10.0.0.11:8080", "127.0.0.1:" + portA)
                            .replace("10.0.0.12:8080", "127.0.0.1:" + portB))) {
                HttpClient client = haproxy.client();
                String proxy = haproxy.httpsBase();

                // signed in through the proxy, the user's requests go to both instances in turn
                String session = signIn(client, proxy, secretary);
                Set<String> instances = new HashSet<>();
                awaitTrue("both instances answer through the proxy", () -> {
                    HttpResponse<String> me = get(client, proxy + "/api/v1/me", session);
                    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
                    assertThat(me.body()).contains(secretary.username());
                    me.headers().firstValue("X-VPFlow-Instance").ifPresent(instances::add);
                    return instances.containsAll(List.of("vpflow1", "vpflow2"));
                });

                // signed in on one, going on on the other
                HttpClient plain = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
                String onA = signIn(plain, "http://localhost:" + portA, secretary);
                HttpResponse<String> onB = get(plain, "http://localhost:" + portB + "/api/v1/me", onA);
                assertThat(onB.statusCode()).isEqualTo(200);
                assertThat(onB.body()).contains(secretary.username());

                // uploaded on one, downloaded from the other, its words found through the proxy
                String word = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
                byte[] letter = TextSamples.txt("Brief over de begroting " + word);
                HttpResponse<String> uploaded = new Uploads("http://localhost:" + portA)
                        .upload(secretary, Uploads.body("Brief", "brief.txt", "text/plain", letter));
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
                UUID document = id(uploaded);
                HttpResponse<byte[]> download =
                        new Uploads("http://localhost:" + portB).content(secretary, document, null);
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(letter);
                awaitTrue(
                        "the letter's words are found",
                        () -> get(client, proxy + "/api/v1/search?q=" + word, session)
                                .body()
                                .contains(document.toString()));

                // the background work is done once: each letter read once, each message sent once
                JdbcClient owner = JdbcClient.create(new DriverManagerDataSource(url, "office_owner", password));
                List<UUID> letters = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    HttpResponse<String> r = new Uploads("http://localhost:" + (i % 2 == 0 ? portA : portB))
                            .upload(
                                    secretary,
                                    Uploads.body(
                                            "Brief " + i,
                                            "brief.txt",
                                            "text/plain",
                                            TextSamples.txt("Brief " + i + " " + word)));
                    assertThat(r.statusCode()).isEqualTo(201);
                    letters.add(id(r));
                }
                Api apiA = new Api("http://localhost:" + portA);
                Api apiB = new Api("http://localhost:" + portB);
                String guest = apiA.post(
                                "/api/v1/guests",
                                secretary,
                                Map.of("full_name", "Mevrouw Soekhai", "email", "soekhai@example.sr"))
                        .json()
                        .get("id")
                        .asString();
                for (int i = 0; i < 6; i++) {
                    Slots.Slot slot = Slots.future();
                    Api.Response booked = (i % 2 == 0 ? apiA : apiB)
                            .post(
                                    "/api/v1/appointments",
                                    secretary,
                                    Map.of(
                                            "guest_id",
                                            guest,
                                            "subject",
                                            "Gesprek " + i,
                                            "starts_at",
                                            slot.start().toString(),
                                            "ends_at",
                                            slot.end().toString(),
                                            "notify_guest",
                                            true));
                    assertThat(booked.status()).as(booked.body()).isEqualTo(201);
                }
                awaitTrue("six confirmations sent", () -> smtp.getReceivedMessages().length >= 6);
                awaitTrue(
                        "the letters read",
                        () -> owner.sql("SELECT count(*) FROM vpflow.document_texts"
                                                + " WHERE document_id IN (:ids) AND state = 'indexed'")
                                        .param("ids", letters)
                                        .query(Long.class)
                                        .single()
                                == letters.size());
                Thread.sleep(3_000); // both senders and indexers have run again meanwhile
                MimeMessage[] received = smtp.getReceivedMessages();
                assertThat(received).hasSize(6);
                Set<String> ids = new HashSet<>();
                for (MimeMessage m : received) {
                    ids.add(m.getMessageID());
                }
                assertThat(ids).hasSize(6);
                assertThat(owner.sql("SELECT max(attempts) FROM vpflow.document_texts WHERE document_id IN (:ids)")
                                .param("ids", letters)
                                .query(Integer.class)
                                .single())
                        .as("each letter read once")
                        .isEqualTo(1);

                // an account disabled on one instance is refused on the other at once
                Api.Response disabled = apiA.post("/api/v1/users/" + secretary.id() + "/disable", admin, Map.of());
                assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
                assertThat(get(plain, "http://localhost:" + portB + "/api/v1/me", onA)
                                .statusCode())
                        .isEqualTo(401);
                assertThat(apiB.get("/api/v1/me", secretary).status()).isEqualTo(401);
                for (int i = 0; i < 2; i++) {
                    assertThat(get(client, proxy + "/api/v1/me", session).statusCode())
                            .isEqualTo(401);
                }
            }
        } finally {
            s3.close();
            smtp.stop();
            postgres.close();
        }
    }

    private static String[] concat(String... command) {
        String[] all = new String[command.length + APPROVALS.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(APPROVALS, 0, all, command.length, APPROVALS.length);
        return all;
    }

    /** The command line on the same database, as an operator runs it beside the servers. */
    private static int cli(Path dataDir, String url, String password, StringWriter err, String... args) {
        Map<String, String> properties = Map.of(
                "vpflow.data-dir",
                dataDir.resolve("cli").toString(),
                "vpflow.db.url",
                url,
                "vpflow.db.user",
                "office_owner",
                "vpflow.db.password",
                password);
        properties.forEach(System::setProperty);
        try {
            return Cli.execute(
                    VpFlowApplication.class,
                    new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true),
                    args);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static UUID id(HttpResponse<String> created) {
        return UUID.fromString(tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(created.body())
                .get("id")
                .asString());
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /** Signs in with the sign-in form and returns the session's cookie ({@code VPFLOW_SESSION=...}). */
    private static String signIn(HttpClient client, String base, TestAccounts.Account account) throws Exception {
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).as(login.body()).isTrue();
        HttpResponse<String> signedIn = client.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies(login))
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(account.username()) + "&password="
                                + enc(account.password()) + "&_csrf=" + enc(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("VPFLOW_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    private static HttpResponse<String> get(HttpClient client, String url, String cookie) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Cookie", cookie)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cookies(HttpResponse<?> response) {
        return String.join(
                "; ",
                response.headers().allValues("Set-Cookie").stream()
                        .map(c -> c.substring(0, c.indexOf(';')))
                        .toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
