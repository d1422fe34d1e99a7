package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.Checkers;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page of VP-Flow, for each role and with records on it, is valid HTML by the Nu HTML
 * checker (the W3C's validator): no error, so browsers, screen readers and htmx read what the
 * templates mean.
 */
class PagesValidateIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @org.springframework.beans.factory.annotation.Autowired
    sr.gov.vpflow.documents.DocumentIndexer indexer;

    @Test
    void everyPageIsValidHtmlForEveryRole() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        Account admin = accounts.create(Role.ADMIN);
        String guest = id(api.post(
                "/api/v1/guests",
                secretary,
                Map.of("full_name", "Radjin Sewdien", "organisation", "Ministerie van LVV", "email", "r@lvv.sr")));
        String day = LocalDate.now(ZoneId.of("America/Paramaribo")).plusDays(1).toString();
        String appointment = id(api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id",
                        guest,
                        "subject",
                        "Kennismaking",
                        "starts_at",
                        day + "T10:00:00-03:00",
                        "ends_at",
                        day + "T10:30:00-03:00")));
        String seriesDay = LocalDate.now(ZoneId.of("America/Paramaribo"))
                .plusDays(200)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY))
                .toString();
        JsonNode series = JSON.readTree(api.post(
                        "/api/v1/appointment-series",
                        secretary,
                        Map.of(
                                "guest_id",
                                guest,
                                "subject",
                                "Raad van Ministers",
                                "starts_at",
                                seriesDay + "T00:30:00-03:00",
                                "ends_at",
                                seriesDay + "T00:50:00-03:00",
                                "rule",
                                "FREQ=WEEKLY;COUNT=2"))
                .body());
        String occurrence = series.get("occurrences").get(0).get("id").asString();
        String kase = id(api.post(
                "/api/v1/cases",
                secretary,
                Map.of("title", "Subsidieaanvraag", "guest_id", guest, "appointment_id", appointment)));
        HttpResponse<String> uploaded = new Uploads(api.base())
                .upload(
                        secretary,
                        Uploads.body("Brief van de minister", "brief.pdf", "application/pdf", Samples.pdf())
                                .field("entity_type", "case")
                                .field("entity_id", kase));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String document = JSON.readTree(uploaded.body()).get("id").asString();

        // a letter whose words the search finds, with its snippet
        assertThat(new Uploads(api.base())
                        .upload(
                                secretary,
                                Uploads.body(
                                        "Verslag",
                                        "verslag.txt",
                                        "text/plain",
                                        sr.gov.vpflow.support.TextSamples.txt(
                                                "Geachte minister, de begroting <2027> & de subsidie voor Sewdien.")))
                        .statusCode())
                .isEqualTo(201);
        indexer.indexPending(10_000);

        Map<String, String> pages = new LinkedHashMap<>();
        PageSession anonymous = PageSession.anonymous(api.base(), "/login");
        pages.put("login", anonymous.get("/login").body());
        PageSession office = PageSession.signIn(api.base(), secretary);
        for (String path : List.of(
                "/",
                "/guests",
                "/guests/new",
                "/guests/" + guest,
                "/guests/" + guest + "/edit",
                "/agenda",
                "/agenda?view=week&date=" + day,
                "/agenda?view=day&date=" + day,
                "/appointments/new",
                "/appointments/" + appointment,
                "/appointments/" + appointment + "/edit",
                "/appointment-series/" + series.get("id").asString(),
                "/appointments/" + occurrence,
                "/appointments/" + occurrence + "/edit",
                "/search",
                "/search?q=Sewdien",
                "/search?q=begroting+subsidie",
                "/search?q=" + "x".repeat(201),
                "/cases",
                "/cases/new",
                "/cases/" + kase,
                "/cases/" + kase + "/edit",
                "/documents",
                "/documents/new",
                "/documents/" + document,
                "/account",
                "/account/mail")) {
            pages.put("secretary " + path, page(office, path));
        }
        PageSession decides = PageSession.signIn(api.base(), vp);
        for (String path : List.of("/", "/cases/" + kase, "/audit", "/account-requests", "/account")) {
            pages.put("vp " + path, page(decides, path));
        }
        // a message that was retried, so that the mail queue's table shows
        owner().sql("""
                        INSERT INTO mail_outbox (id, kind, recipient, appointment_id, notice, attempts, last_error)
                        VALUES (gen_random_uuid(), 'guest_confirmation', 'html-check@example.org', CAST(:a AS uuid),
                                'booked', 1, 'MailConnectException: Couldn''t connect')""").param("a", appointment.toString()).update();
        PageSession administers = PageSession.signIn(api.base(), admin);
        for (String path : List.of(
                "/",
                "/system",
                "/audit",
                "/account-requests",
                "/account",
                "/users",
                "/restore-points",
                "/migrations",
                "/mail")) {
            pages.put("admin " + path, page(administers, path));
        }
        // the administrator's pages with what their actions show: a new account's link, a
        // locked account, a restore point verified, the validation's items, a run's report
        owner().sql("UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = :id")
                .param("id", secretary.id())
                .update();
        pages.put(
                "admin new account",
                answered(
                        administers.post(
                                "/users",
                                Map.of(
                                        "username",
                                        "valid-"
                                                + java.util
                                                        .UUID
                                                        .randomUUID()
                                                        .toString()
                                                        .substring(0, 8),
                                        "display_name",
                                        "Nieuw Account",
                                        "role",
                                        "secretary")),
                        "/users"));
        administers.post("/restore-points", Map.of("reason", "HTML-controle"));
        String point = java.util.regex.Pattern.compile("id=\"point-([^\"]+)\"")
                .matcher(page(administers, "/restore-points"))
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        pages.put(
                "admin restore point verified",
                answered(administers.post("/restore-points/" + point + "/verify", Map.of()), "verify"));
        pages.put("admin restore points with a verified one", page(administers, "/restore-points"));
        String validated = answered(administers.post("/migrations/validate", Map.of()), "validate");
        pages.put("admin validation", validated);
        java.util.regex.Matcher reportLink = java.util.regex.Pattern.compile("href=\"(/migrations/reports/[^\"]+)\"")
                .matcher(validated);
        if (reportLink.find()) {
            pages.put("admin report", page(administers, reportLink.group(1)));
        }

        Path folder = Files.createTempDirectory("pages");
        List<Path> files = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = folder.resolve("page-" + n++ + ".html");
            Files.writeString(file, page.getValue());
            files.add(file);
            names.put("file:" + file.toAbsolutePath(), page.getKey());
        }
        // a control: the checker runs and reports what the pages must not have
        Path control = folder.resolve("control.html");
        Files.writeString(
                control,
                "<!DOCTYPE html><html lang=\"nl\"><head><title>x</title></head><body>"
                        + "<time datetime=\"2026-11-30T10:00:00.123456-03:00\">x</time><div hx-get=\"/x\"></div>"
                        + "</body></html>");
        files.add(control);
        Checkers.Output checked = Checkers.nuHtmlChecker(files);
        JsonNode report = JSON.readTree(checked.stderr().isBlank() ? checked.stdout() : checked.stderr());
        List<String> errors = new ArrayList<>();
        List<String> controlErrors = new ArrayList<>();
        for (JsonNode message : report.get("messages")) {
            if (message.path("url").asString().endsWith("control.html")) {
                controlErrors.add(message.path("message").asString());
                continue;
            }
            // an error, a fatal one, or a file the checker could not read at all
            if (message.path("type").asString().equals("error")
                    || message.path("type").asString().equals("non-document-error")
                    || message.path("subType").asString().equals("fatal")) {
                errors.add(names.getOrDefault(
                                message.path("url").asString(),
                                message.path("url").asString())
                        + " line " + message.path("lastLine").asInt() + ": "
                        + message.path("message").asString()
                        + " [" + message.path("extract").asString() + "]");
            }
        }
        assertThat(controlErrors)
                .as("the checker reads the pages and reports what they must not have: %s", checked.stderr())
                .anyMatch(m -> m.contains("datetime"))
                .anyMatch(m -> m.contains("hx-get"));
        assertThat(errors)
                .as("the Nu HTML checker's errors on %d pages", pages.size())
                .isEmpty();
        assertThat(pages).hasSizeGreaterThan(25);
    }

    private static String page(PageSession session, String path) {
        Response response = session.get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        assertThat(response.header("Content-Type")).as(path).startsWith("text/html");
        return response.body();
    }

    private static String answered(Response response, String what) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(200);
        return response.body();
    }

    private static String id(Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}
