package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** The Vice President's day as a PDF, and the agenda page on paper. */
class AgendaPdfIT extends IntegrationTest {

    private Account secretary;
    private Slot slot;
    private LocalDate day;
    private String tag;

    @BeforeEach
    void bookADay() {
        secretary = accounts.create(Role.SECRETARY);
        tag = UUID.randomUUID().toString().substring(0, 8);
        slot = Slots.future();
        day = slot.start().toLocalDate();
        book(guest("Đorđe Šarić-Ünal " + tag), "Begroting " + tag, slot.start(), slot.end());
        book(
                guest("Priya Ramdin " + tag),
                "<b>Overleg & \"co\"</b> " + tag,
                slot.start().plusHours(4).plusMinutes(30),
                slot.start().plusHours(5).plusMinutes(15));
        Slot other = Slots.future();
        book(guest("Andere Dag " + tag), "Elders " + tag, other.start(), other.end());
    }

    @Test
    void theDayOfTheVicePresidentIsAPdfWithItsGuestsAndTimesAndNoOtherDays() throws IOException {
        for (Account reader : new Account[] {secretary, accounts.create(Role.VP)}) {
            PageSession session = PageSession.signIn(api.base(), reader);
            HttpResponse<byte[]> pdf = session.bytes("/agenda.pdf?view=day&date=" + day);

            assertThat(pdf.statusCode()).as("%s", reader.role()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition"))
                    .hasValue("inline; filename=\"agenda-" + day + ".pdf\"");
            String text = text(pdf.body());
            assertThat(text)
                    .contains("Agenda van de Vicepresident")
                    .contains("Đorđe Šarić-Ünal " + tag)
                    .contains("Begroting " + tag)
                    .contains("10:00–11:00")
                    .contains("Priya Ramdin " + tag)
                    .contains("<b>Overleg & \"co\"</b> " + tag) // as typed, not as markup
                    .contains("14:30–15:15")
                    .contains("Gepland")
                    .contains("1 / 1") // the page's number, in its margin
                    .doesNotContain("Andere Dag " + tag)
                    .doesNotContain("Elders " + tag);
        }
    }

    @Test
    void thePdfIsInTheReadersLanguageAndNamedInItsProperties() throws IOException {
        PageSession session = PageSession.signIn(api.base(), accounts.create(Role.VP));
        HttpResponse<byte[]> pdf = session.bytes("/agenda.pdf?view=day&date=" + day + "&lang=en");

        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getDocumentInformation().getTitle()).startsWith("Agenda of the Vice President, ");
            assertThat(words(document))
                    .contains("Agenda of the Vice President")
                    .contains("Scheduled")
                    .contains("Begroting " + tag);
        }
    }

    @Test
    void withoutADateThePdfIsOfTodayInParamaribo() {
        PageSession session = PageSession.signIn(api.base(), secretary);
        LocalDate before = LocalDate.now(OfficeTime.ZONE);
        HttpResponse<byte[]> pdf = session.bytes("/agenda.pdf");
        LocalDate after = LocalDate.now(OfficeTime.ZONE);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .get()
                .matches(d -> d.equals("inline; filename=\"agenda-" + before + ".pdf\"")
                        || d.equals("inline; filename=\"agenda-" + after + ".pdf\""));
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }

    @Test
    void anAdministratorIsRefusedAndSomeoneSignedOutIsSentToSignIn() {
        PageSession admin = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Api.Response refused = admin.get("/agenda.pdf?view=day&date=" + day);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.header("Content-Disposition")).isNull();
        assertThat(refused.body()).doesNotContain("Begroting " + tag);

        Api.Response anonymous = new Api(api.base()).get("/agenda.pdf?view=day&date=" + day);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.header("Location")).endsWith("/login");
    }

    @Test
    void aDateOrViewThatIsNoneIsAnsweredAsBadInputOnAPage() {
        PageSession session = PageSession.signIn(api.base(), secretary);
        for (String query : new String[] {
            "view=day&date=morgen",
            "view=day&date=" + day.getYear() + "-02-30",
            "view=day&date=%2B10000-01-01",
            "view=day&date=0000-01-01",
            "view=year&date=" + day,
            "view=week&date=" + day
        }) {
            Api.Response answer = session.get("/agenda.pdf?" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(query).startsWith("text/html");
            assertThat(answer.header("Content-Disposition")).as(query).isNull();
            assertThat(answer.body()).as(query).contains("Een waarde in het adres is niet geldig.");
        }
    }

    @Test
    void theDayPageLinksToItsPdfAndThePagesPrintOnA4() {
        PageSession session = PageSession.signIn(api.base(), secretary);
        String dayPage = session.get("/agenda?view=day&date=" + day).body();
        assertThat(dayPage)
                .contains("href=\"/agenda.pdf?view=day&amp;date=" + day + "\"")
                .contains("data-print");
        assertThat(session.get("/agenda?view=week&date=" + day).body()).doesNotContain("/agenda.pdf");

        String css = session.get("/css/vpflow.css").body();
        assertThat(css).contains("@media print").containsPattern("@page \\{ size: A4");
        String script = session.get("/js/vpflow.js").body();
        assertThat(script).contains("[data-print]").contains("window.print()");
    }

    /** The words of the PDF, each run of white space as one space (a long name wraps in its column). */
    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return words(document);
        }
    }

    private static String words(PDDocument document) throws IOException {
        return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }

    private UUID guest(String name) {
        Api.Response created = api.post("/api/v1/guests", secretary, Map.of("full_name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private void book(UUID guest, String subject, java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        Api.Response booked = api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id", guest.toString(),
                        "subject", subject,
                        "location", "Kabinet",
                        "starts_at", start.toString(),
                        "ends_at", end.toString()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    }
}
