package sr.gov.vpflow.documents;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a document's content: checked against its address first (a missing or different content
 * is logged, audited and never sent), one audit event per request that sends content, with
 * Content-Type (the type found at upload), Content-Length, the SHA-256 as ETag, byte ranges and a
 * safe Content-Disposition. Whole contents and single ranges go by Tomcat's sendfile, straight
 * from the file to the socket; several ranges as multipart/byteranges.
 */
@Component
class DocumentContent {

    private static final Logger log = LoggerFactory.getLogger(DocumentContent.class);
    static final String CONTENT_POLICY =
            "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'";
    static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    private final DocumentService documents;
    private final DocumentStore store;

    DocumentContent(DocumentService documents, DocumentStore store) {
        this.documents = documents;
        this.store = store;
    }

    /** {@code inline} (shown in the page, for PDF and images only) or {@code attachment} (the default). */
    static boolean inline(String disposition) {
        if (disposition == null || disposition.isBlank() || disposition.equals("attachment")) {
            return false;
        }
        if (disposition.equals("inline")) {
            return true;
        }
        throw DocumentException.invalidDisposition();
    }

    void send(UUID id, String disposition, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean wantInline = inline(disposition);
        DocumentView document = documents.get(id);
        // only what a browser shows safely is sent inline; everything else is a download
        boolean inline = wantInline && document.previewable();
        DocumentStore.Content content;
        try {
            if (document.sha256() == null) {
                throw ContentException.corrupt(); // its record names no content of the store
            }
            content = store.open(ContentAddress.of(document.sha256()), document.fileSize());
        } catch (ContentException e) {
            log.error("document {}: content {} is {}, not served", id, document.sha256(), e.code());
            documents.recordAccess(id, document.title(), inline, null, "refused_" + e.code());
            throw e;
        }
        long size = content.size();
        String etag = "\"" + content.sha256() + "\"";
        boolean head = "HEAD".equals(request.getMethod());

        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setHeader("ETag", etag);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String rangeHeader = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        if (ifRange != null && !ifRange.strip().equals(etag)) {
            rangeHeader = null; // the client's copy is another content: send it whole
        }
        ByteRanges.Outcome ranges = ByteRanges.parse(rangeHeader, size);
        if (ranges.unsatisfiable()) {
            response.setHeader("Content-Range", "bytes */" + size);
            throw DocumentException.rangeNotSatisfiable(size);
        }
        if (!head) {
            documents.recordAccess(
                    id, document.title(), inline, ranges.whole() ? null : ranges.description(), "served");
        }

        response.setHeader("ETag", etag);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // a document shown in the browser (a PDF's scripts, an SVG) runs in a sandbox of its own
        // origin, never as VP-Flow's pages with their cookies
        response.setHeader("Content-Security-Policy", CONTENT_POLICY);
        response.setHeader(
                "Content-Disposition",
                FileNames.contentDisposition(inline ? "inline" : "attachment", document.downloadName()));
        if (ranges.ranges().size() > 1) {
            sendRanges(ranges.ranges(), document.fileType(), content, response, head);
            return;
        }
        response.setContentType(document.fileType());
        long start = 0;
        long length = size;
        if (!ranges.whole()) {
            ByteRanges.Range range = ranges.ranges().get(0);
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", range.contentRange(size));
            start = range.start();
            length = range.length();
        }
        response.setContentLengthLong(length);
        if (head || length == 0) {
            return;
        }
        Path file = content instanceof LocalFileStore.OnDisk onDisk ? onDisk.file() : null;
        if (file != null && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            request.setAttribute(SENDFILE_FILENAME, file.toString());
            request.setAttribute(SENDFILE_START, start);
            request.setAttribute(SENDFILE_END, start + length);
            return;
        }
        try (InputStream in = content.open(start, length)) {
            in.transferTo(response.getOutputStream());
        }
    }

    private static void sendRanges(
            List<ByteRanges.Range> ranges,
            String type,
            DocumentStore.Content content,
            HttpServletResponse response,
            boolean head)
            throws IOException {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<byte[]> headers = ranges.stream()
                .map(r -> ("\r\n--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: "
                                + r.contentRange(content.size()) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII))
                .toList();
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = end.length;
        for (int i = 0; i < ranges.size(); i++) {
            length += headers.get(i).length + ranges.get(i).length();
        }
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        response.setContentLengthLong(length);
        if (head) {
            return;
        }
        ServletOutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            out.write(headers.get(i));
            try (InputStream in =
                    content.open(ranges.get(i).start(), ranges.get(i).length())) {
                in.transferTo(out);
            }
        }
        out.write(end);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(etag));
    }
}
