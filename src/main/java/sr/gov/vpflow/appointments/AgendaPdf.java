package sr.gov.vpflow.appointments;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * A day of the agenda as a PDF on A4. The print template is processed as XML, so that what
 * openhtmltopdf reads is well-formed whatever the appointments hold. Text is set in Liberation
 * Sans, which PDFBox carries on the classpath: names in Latin, Greek or Cyrillic script print
 * the same on every server, whatever fonts it has, and every font is embedded (PDF/UA asks it).
 * The layout fetches nothing: no file, no address; it logs nothing of what the agenda holds
 * ({@link PdfLibraries}).
 */
@Component
class AgendaPdf {

    private static final String TEMPLATE = "appointments/agenda-print";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final String FONT_FAMILY = "Liberation Sans";

    private final ITemplateEngine templates;
    private final Clock clock;
    private final byte[] font;

    AgendaPdf(ITemplateEngine templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
        this.font = readFont();
        PdfLibraries.configure(font);
    }

    /** The day as XHTML, in the reader's language. */
    String xhtml(AgendaDay day, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("day", day.date());
        context.setVariable("items", day.items());
        context.setVariable("printedAt", OfficeTime.now(clock));
        return templates.process(new TemplateSpec(TEMPLATE, TemplateMode.XML), context);
    }

    /** Lays the XHTML out and writes the PDF to {@code out}, which it leaves open. */
    void write(String xhtml, OutputStream out) throws IOException {
        FSSupplier<InputStream> liberationSans = () -> new ByteArrayInputStream(font);
        new PdfRendererBuilder()
                .useFastMode()
                .usePdfUaAccessibility(true)
                .useFont(liberationSans, FONT_FAMILY)
                .useExternalResourceAccessControl(
                        (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl(
                        (uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .withProducer("VP-Flow")
                .withHtmlContent(xhtml, null)
                .toStream(out)
                .run();
    }

    private static byte[] readFont() {
        try (InputStream in = AgendaPdf.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The font " + FONT + " is not on the classpath; it comes with org.apache.pdfbox:pdfbox.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The font " + FONT + " could not be read", e);
        }
    }
}
