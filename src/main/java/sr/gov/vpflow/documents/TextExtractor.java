package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * The words of a document's content, through Apache Tika's parsers (PDF, Word, Excel, PowerPoint,
 * OpenDocument, e-mail, plain text). Scanned images and PDF pages without text are read by
 * Tesseract OCR in Dutch and English when the machine has it; without it they give no text and a
 * note that says so. At most {@link #MAX_CHARS} characters are kept: the first hundred or so pages
 * of a long report are found, the rest not.
 */
@Component
public class TextExtractor {

    /** The most text kept of one document (the search column's limit, V1_3_1). */
    public static final int MAX_CHARS = 300_000;

    static final String NOTE_NO_OCR = "no text; images are read only when Tesseract OCR is installed";
    static final String NOTE_NO_TEXT = "no text in the document";
    static final String NOTE_CUT = "only the first " + MAX_CHARS + " characters are searched";

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    private final Parser parser = new AutoDetectParser();
    /** Reads pictures; Tika's own parsers give an image no text, so an image goes here straight. */
    private final TesseractOCRParser tesseract = new TesseractOCRParser();

    private final boolean ocr;

    public TextExtractor() {
        this.ocr = tesseractInstalled();
        if (ocr) {
            try {
                tesseract.initialize(java.util.Map.of());
            } catch (TikaConfigException e) {
                throw new IllegalStateException("Tesseract OCR is installed but cannot be used: " + e.getMessage(), e);
            }
        }
        log.info(
                "document text: Tika parsers ready; OCR {}",
                ocr ? "by Tesseract (nld+eng)" : "off (tesseract is not installed)");
    }

    /** Whether scanned documents are read (Tesseract is installed). */
    public boolean ocr() {
        return ocr;
    }

    /** What a document yields: its text (empty when none) and a note for the operator, or null. */
    public record Extracted(String text, String note) {}

    /**
     * The text of a content of the given type; throws {@link TikaException} when the parser
     * refuses the content (damaged, encrypted, not what its type says).
     */
    public Extracted extract(InputStream content, String contentType) throws IOException, TikaException {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            return extract(in, contentType);
        }
    }

    /** The same, of a file: read in place (a ZIP container needs its end first), not copied again. */
    public Extracted extract(java.nio.file.Path file, String contentType) throws IOException, TikaException {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return extract(in, contentType);
        }
    }

    private Extracted extract(TikaInputStream in, String contentType) throws IOException, TikaException {
        BodyContentHandler handler = new BodyContentHandler(MAX_CHARS);
        Metadata metadata = new Metadata();
        if (contentType != null) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        boolean cut = false;
        boolean image = contentType != null && contentType.startsWith("image/");
        try {
            if (image && ocr) {
                // the OCR parser's own name for the type ("image/ocr-png"), which it alone reads
                metadata.set(Metadata.CONTENT_TYPE, "image/ocr-" + contentType.substring("image/".length()));
                tesseract.parse(in, handler, metadata, context());
            } else {
                parser.parse(in, handler, metadata, context());
            }
        } catch (SAXException | TikaException e) {
            // the limit reached shows as a SAX exception, or wrapped in Tika's own
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw e instanceof TikaException tika
                        ? tika
                        : new TikaException("the parser stopped: " + e.getMessage(), e);
            }
            cut = true;
        }
        String text = clean(handler.toString());
        if (text.isBlank()) {
            boolean pdf = ContentTypes.PDF.equals(contentType);
            return new Extracted("", !ocr && (image || pdf) ? NOTE_NO_OCR : NOTE_NO_TEXT);
        }
        return new Extracted(text, cut ? NOTE_CUT : null);
    }

    private ParseContext context() {
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        tesseract.setLanguage("nld+eng");
        tesseract.setSkipOcr(!ocr);
        context.set(TesseractOCRConfig.class, tesseract);
        PDFParserConfig pdf = new PDFParserConfig();
        // pages with text are read as text; a page without any is read by OCR, when there is OCR
        pdf.setOcrStrategy(ocr ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    /**
     * The text as PostgreSQL keeps it: no control characters but line ends (a text value cannot
     * hold NUL; the snippets mark words with two others), runs of blank lines and spaces folded, at
     * most {@link #MAX_CHARS} characters.
     */
    static String clean(String text) {
        String cleaned = text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", " ")
                .replaceAll("[\\t\\x0B\\f\\r ]+", " ")
                .replaceAll(" ?\\n[\\n ]*", "\n")
                .strip();
        return shortened(cleaned, MAX_CHARS);
    }

    /**
     * Whether PostgreSQL refused a text for having too many different words for its search column
     * (SQLSTATE 54000, "string is too long for tsvector").
     */
    static boolean isTooManyWords(org.springframework.dao.DataAccessException e) {
        return e.getMostSpecificCause() instanceof java.sql.SQLException sql && "54000".equals(sql.getSQLState());
    }

    /** The first {@code length} characters of a text, a surrogate pair never split. */
    static String shortened(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private static boolean tesseractInstalled() {
        try {
            return new TesseractOCRParser().hasTesseract();
        } catch (TikaConfigException | RuntimeException e) {
            return false;
        }
    }
}
