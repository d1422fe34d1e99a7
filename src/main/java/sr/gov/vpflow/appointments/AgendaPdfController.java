package sr.gov.vpflow.appointments;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;

/** The Vice President's day as a PDF, to print or to pass on: {@code /agenda.pdf?view=day&date=2026-05-12}. */
@PageController
class AgendaPdfController {

    private final AgendaDays agenda;
    private final AgendaPdf pdf;
    private final Clock clock;

    AgendaPdfController(AgendaDays agenda, AgendaPdf pdf, Clock clock) {
        this.agenda = agenda;
        this.pdf = pdf;
        this.clock = clock;
    }

    @GetMapping("/agenda.pdf")
    void day(
            @RequestParam(defaultValue = "day") String view,
            @RequestParam(required = false) String date,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        if (!"day".equals(view)) {
            throw invalid("view");
        }
        LocalDate today = OfficeTime.today(clock);
        LocalDate day = date == null || date.isBlank() ? today : parse(date);
        AgendaDay read = agenda.read(day, 1, true, today, locale).get(0);
        // made before the answer is begun, so that a refusal or a fault still gets its own page
        String xhtml = pdf.xhtml(read, locale);

        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline()
                        .filename("agenda-" + day + ".pdf")
                        .build()
                        .toString());
        try {
            pdf.write(xhtml, response.getOutputStream());
        } catch (IOException | RuntimeException e) {
            // the PDF is written at the end of the layout: a fault before then leaves the answer
            // empty, and the error page must not go out as an attachment named like the PDF
            if (!response.isCommitted()) {
                response.reset();
            }
            throw e;
        }
    }

    /** A day as a browser's date field sends it (2026-05-12), in a year of four digits. */
    private static LocalDate parse(String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw invalid("date");
        }
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw invalid("date");
        }
        return day;
    }

    private static ProblemException invalid(String parameter) {
        return ProblemException.badRequest("invalid_parameter", "The value of '" + parameter + "' is not valid.")
                .with("parameter", parameter);
    }
}
