package sr.gov.vpflow.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small files of each kind an office keeps, made on the spot; each call gives different content. */
public final class Samples {

    private Samples() {}

    public static byte[] pdf() {
        String unique = UUID.randomUUID().toString();
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " + unique
                        + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color((int) (Math.random() * 0xffffff)));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] text() {
        return ("Verslag van het gesprek, " + UUID.randomUUID() + "\nTweede regel.\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] eml() {
        return ("From: secretariaat@vp.gov.sr\r\nTo: kabinet@vp.gov.sr\r\nSubject: Uitnodiging\r\n"
                        + "Date: Mon, 1 Jun 2026 10:00:00 -0300\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@vp.gov.sr>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGoedemorgen.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Windows program: what an attacker would rename to .pdf. */
    public static byte[] executable() {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        byte[] unique = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(unique, 0, exe, 0x200, unique.length);
        return exe;
    }

    public static byte[] html() {
        return ("<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script>" + UUID.randomUUID()
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] zip() {
        return zip(false, new String[] {"notes.txt", "plain archive " + UUID.randomUUID()});
    }

    public static byte[] docx() {
        return ooxml(
                "word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    }

    public static byte[] xlsx() {
        return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    }

    public static byte[] pptx() {
        return ooxml(
                "ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
    }

    public static byte[] odt() {
        return zip(
                true,
                new String[] {"mimetype", "application/vnd.oasis.opendocument.text"},
                new String[] {"content.xml", "<office:document-content/><!-- " + UUID.randomUUID() + " -->"},
                new String[] {"META-INF/manifest.xml", "<manifest:manifest/>"});
    }

    private static byte[] ooxml(String mainPart, String contentType) {
        String types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + contentType + "\"/></Types>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"" + mainPart + "\"/></Relationships>";
        return zip(
                false, new String[] {"[Content_Types].xml", types}, new String[] {"_rels/.rels", rels}, new String[] {
                    mainPart, "<root><!-- " + UUID.randomUUID() + " --></root>"
                });
    }

    private static byte[] zip(boolean firstStored, String[]... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            boolean first = true;
            for (String[] entry : entries) {
                ZipEntry e = new ZipEntry(entry[0]);
                byte[] content = entry[1].getBytes(StandardCharsets.UTF_8);
                if (first && firstStored) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(content.length);
                    e.setCrc(crc.getValue());
                }
                first = false;
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
