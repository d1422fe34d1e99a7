package sr.gov.vpflow.appointments;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two settings that openhtmltopdf and PDFBox keep for the whole process, made once for
 * {@link AgendaPdf}, the only writer of PDFs.
 */
final class PdfLibraries {

    private static final Logger log = LoggerFactory.getLogger(PdfLibraries.class);

    private PdfLibraries() {}

    static synchronized void configure(byte[] font) {
        XRLog.setLoggerImpl(new ByIdOnly());
        FontMappers.set(new OneFont(parse(font)));
    }

    private static TrueTypeFont parse(byte[] font) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(font));
        } catch (IOException e) {
            throw new UncheckedIOException("The PDF font could not be read", e);
        }
    }

    /**
     * The layout's remarks through the application's log, named by their id only: their arguments
     * may quote what the agenda holds. openhtmltopdf would otherwise print them all, from INFO up,
     * to the console.
     */
    private static final class ByIdOnly implements XRLogger {

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return warning(diagnostic.getLevel()) ? log.isWarnEnabled() : log.isDebugEnabled();
        }

        @Override
        public void log(Diagnostic diagnostic) {
            Object id = diagnostic.getLogMessageId().getEnum();
            if (warning(diagnostic.getLevel())) {
                log.warn("PDF layout: {}{}", id, diagnostic.hasError() ? " " + kind(diagnostic.getError()) : "");
            } else {
                log.debug("PDF layout: {}", id);
            }
        }

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable th) {
            // only remarks without an id come here; their words are not known to be free of names
            if (warning(level)) {
                log.warn("PDF layout: a remark in {}{}", where, th == null ? "" : " " + kind(th));
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
            // the levels are the application's logging configuration
        }

        /** The fault's type, without its message (which may quote the document). */
        private static String kind(Throwable th) {
            return th.getClass().getName();
        }

        private static boolean warning(Level level) {
            return level.intValue() >= Level.WARNING.intValue();
        }
    }

    /**
     * PDFBox looks for a font for each of the 14 standard PDF fonts it is asked for (openhtmltopdf
     * names Helvetica and ZapfDingbats in every document's form resources; no text of ours uses
     * them). Unanswered, it would scan the server's font folders on the first PDF, write a cache to
     * the home folder, and warn on every PDF where the server has no such fonts. This answers with
     * the one font the PDFs are set in, the same on every server.
     */
    private static final class OneFont implements FontMapper {

        private final TrueTypeFont font;

        OneFont(TrueTypeFont font) {
            this.font = font;
        }

        @Override
        public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(font, false);
        }

        @Override
        public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(font, false);
        }

        @Override
        public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo systemInfo) {
            return new CIDFontMapping(null, font, false);
        }
    }
}
