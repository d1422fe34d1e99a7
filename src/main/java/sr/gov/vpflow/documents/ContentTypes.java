package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

/**
 * Tells the type of a content by the content alone (never by the name or type the client gave)
 * and keeps to an allow-list. Tika's magic numbers tell PDF, images, OpenDocument, e-mail and
 * plain text; an Office Open XML file is a ZIP container whose {@code [Content_Types].xml} names
 * its main part, which this class reads itself (Tika would need its Microsoft parser module, with
 * Apache POI, for that alone). The older binary Office formats are refused: their container also
 * holds installers and other programs, and telling them apart would need that parser too.
 */
final class ContentTypes {

    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    /** Allowed types, each with the extension a download gets when its name has none. */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry(PDF, "pdf"),
            Map.entry("image/png", "png"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"),
            Map.entry("image/tiff", "tif"),
            Map.entry(DOCX, "docx"),
            Map.entry(XLSX, "xlsx"),
            Map.entry(PPTX, "pptx"),
            Map.entry("application/vnd.oasis.opendocument.text", "odt"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ods"),
            Map.entry("application/vnd.oasis.opendocument.presentation", "odp"),
            Map.entry("text/plain", "txt"),
            Map.entry("message/rfc822", "eml"));

    /** What a browser shows safely in a page: PDF and the images browsers render. */
    private static final Set<String> PREVIEW = Set.of(PDF, "image/png", "image/jpeg", "image/gif", "image/webp");

    /** The main part of each Office Open XML document type, as [Content_Types].xml names it. */
    private static final Map<String, String> OOXML_MAIN_PARTS = Map.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", PPTX);

    private static final Pattern CONTENT_TYPE = Pattern.compile("ContentType\\s*=\\s*\"([^\"]+)\"");
    private static final int CONTENT_TYPES_MAX = 1024 * 1024;

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    /** The type of the content in a file: a type of the allow-list, or what it is otherwise. */
    String detect(Path file) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detect(in);
        }
    }

    /**
     * The type of received content, read from its store as a stream: Tika's magic numbers, and for
     * a ZIP container its content types part, which needs a file (the central directory of a ZIP
     * file is at its end): content the local store received is such a file already and is read in
     * place; a stream from another store is copied to a temporary file of Tika's, removed on close.
     */
    String detect(DocumentStore.Staged staged) throws IOException {
        if (staged instanceof LocalFileStore.Received local) {
            return detect(local.file());
        }
        try (TikaInputStream in = TikaInputStream.get(staged.open())) {
            return detect(in);
        }
    }

    private String detect(TikaInputStream in) throws IOException {
        String name = detector.detect(in, new Metadata()).getBaseType().toString();
        if (name.equals("application/zip") || name.equals("application/x-tika-ooxml")) {
            return officeOpenXml(in.getPath());
        }
        return name;
    }

    static boolean allowed(String type) {
        return ALLOWED.containsKey(type);
    }

    static boolean previewable(String type) {
        return PREVIEW.contains(type);
    }

    static String extension(String type) {
        return ALLOWED.getOrDefault(type, "bin");
    }

    /**
     * A ZIP container is a Word, Excel or PowerPoint document when its content types part names
     * exactly one of their main parts; otherwise it is a plain ZIP archive (and refused).
     */
    static String officeOpenXml(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry types = entry(zip, "[Content_Types].xml");
            if (types == null) {
                return "application/zip";
            }
            String xml;
            try (InputStream in = zip.getInputStream(types)) {
                byte[] bytes = in.readNBytes(CONTENT_TYPES_MAX);
                xml = new String(bytes, StandardCharsets.UTF_8);
            }
            Set<String> found = new LinkedHashSet<>();
            Matcher m = CONTENT_TYPE.matcher(xml);
            while (m.find()) {
                String document = OOXML_MAIN_PARTS.get(m.group(1).strip().toLowerCase(java.util.Locale.ROOT));
                if (document != null) {
                    found.add(document);
                }
            }
            return found.size() == 1 ? found.iterator().next() : "application/zip";
        } catch (ZipException e) {
            return "application/octet-stream";
        }
    }

    private static ZipEntry entry(ZipFile zip, String name) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.getName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
