package sr.gov.vpflow.documents;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes an upload as it arrives: the multipart request is parsed as a stream and the file part
 * goes straight into the document store's temporary file, hashed and counted on the way, never
 * held in memory; the limit ({@code VPFLOW_MAX_UPLOAD_MB}) stops it as soon as it is passed. Only
 * content of an allowed type, told by the content itself, is kept, and only once it is at its
 * address does the database record it.
 */
@Component
public class DocumentUploads {

    private static final Logger log = LoggerFactory.getLogger(DocumentUploads.class);
    private static final long MIB = 1024L * 1024L;
    /** What a request may carry beyond the file: the other fields and the multipart framing. */
    private static final long FIELDS_ALLOWANCE = MIB;

    private static final int FIELD_MAX_BYTES = 64 * 1024;
    private static final int PART_HEADERS_MAX_BYTES = 16 * 1024;
    /** The file and a handful of fields; more parts are no upload of this form. */
    static final int MAX_PARTS = 16;

    private final DocumentStore store;
    private final ContentTypes types;
    private final DocumentService documents;
    private final long maxBytes;

    DocumentUploads(DocumentStore store, ContentTypes types, DocumentService documents, DocumentSettings settings) {
        this.store = store;
        this.types = types;
        this.documents = documents;
        this.maxBytes = settings.maxUploadMb() * MIB;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Receives, checks, keeps and records one upload. */
    DocumentView upload(HttpServletRequest request) {
        DocumentService.officeOnly();
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw DocumentException.notMultipart();
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes + FIELDS_ALLOWANCE) {
            throw ContentException.tooLarge(maxBytes);
        }
        Map<String, String> fields = new HashMap<>();
        DocumentStore.Staged staged = null;
        String givenName = null;
        try {
            try {
                JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
                // browsers send the file name as UTF-8; a long one needs more than the parser's default 512 bytes
                parser.setHeaderCharset(StandardCharsets.UTF_8);
                parser.setMaxPartHeaderSize(PART_HEADERS_MAX_BYTES);
                // the whole request, counted as it is read: a chunked one declares no length
                parser.setMaxSize(maxBytes + FIELDS_ALLOWANCE);
                FileItemInputIterator parts = parser.getItemIterator(request);
                int count = 0;
                while (parts.hasNext()) {
                    FileItemInput part = parts.next();
                    if (++count > MAX_PARTS) {
                        throw DocumentException.tooManyParts(MAX_PARTS);
                    }
                    try (InputStream in = part.getInputStream()) {
                        if (part.isFormField()) {
                            fields.put(part.getFieldName(), field(part.getFieldName(), in));
                        } else if ("file".equals(part.getFieldName()) && staged == null) {
                            givenName = part.getName();
                            staged = store.receive(in, maxBytes);
                        } else {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                }
            } catch (FileUploadSizeException e) {
                log.info("an upload was cut off at the limit: {}", e.getMessage());
                throw ContentException.tooLarge(maxBytes);
            } catch (FileUploadException e) {
                log.info("an upload could not be read: {}", e.getMessage());
                throw DocumentException.malformedUpload();
            } catch (StoreFailure e) {
                log.error("an upload could not be stored: {}", e.getMessage());
                throw e.outOfSpace() ? DocumentException.insufficientStorage() : DocumentException.storageFailed();
            } catch (IOException e) {
                log.info("an upload was cut off: {}", e.getMessage());
                throw DocumentException.malformedUpload();
            }
            if (staged == null) {
                throw DocumentException.fileRequired();
            }
            DocumentStore.Staged received = staged;
            staged = null;
            return record(received, givenName, fields);
        } finally {
            if (staged != null) {
                store.discard(staged);
            }
        }
    }

    /**
     * Keeps one document read from a stream, as an upload is kept: the type told by the content,
     * the same checks and limits, the content at its address before the record (the
     * demonstration's letters). The fields are those of the upload form.
     */
    public DocumentView upload(String fileName, InputStream content, Map<String, String> fields) {
        DocumentService.officeOnly();
        DocumentStore.Staged staged;
        try {
            staged = store.receive(content, maxBytes);
        } catch (StoreFailure e) {
            log.error("a document could not be stored: {}", e.getMessage());
            throw e.outOfSpace() ? DocumentException.insufficientStorage() : DocumentException.storageFailed();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read a document", e);
        }
        return record(staged, fileName, fields);
    }

    /** Checks, keeps and records a received file; the staged file is gone afterwards. */
    private DocumentView record(DocumentStore.Staged staged, String givenName, Map<String, String> fields) {
        try {
            if (staged.size() == 0) {
                throw DocumentException.emptyFile();
            }
            String title = required(fields.get("title"), "title", DocumentService.TITLE_MAX);
            String description = optional(fields.get("description"), "description", DocumentService.DESCRIPTION_MAX);
            EntityType linkType = null;
            UUID linkEntity = null;
            String typeField = blankToNull(fields.get("entity_type"));
            if (typeField != null) {
                linkType = EntityType.fromCode(typeField)
                        .orElseThrow(() -> DocumentException.invalid("entity_type", "invalid_value", null));
                linkEntity = entityId(linkType, fields.get("entity_id"));
            }
            String type = detect(staged);
            if (!ContentTypes.allowed(type)) {
                log.info("an upload of type {} was refused", type);
                throw DocumentException.typeNotAllowed(type);
            }
            if (linkType != null) {
                documents.checkLinkTarget(linkType, linkEntity);
            }
            long size = staged.size();
            String address;
            try {
                address = store.keep(staged);
            } catch (StoreFailure e) {
                log.error("the content of an upload could not be kept: {}", e.getMessage());
                throw e.outOfSpace() ? DocumentException.insufficientStorage() : DocumentException.storageFailed();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not keep the content of an upload", e);
            } finally {
                staged = null;
            }
            return documents.create(new NewDocument(
                    title,
                    description,
                    linkType,
                    linkEntity,
                    FileNames.sanitize(givenName),
                    address,
                    ContentAddress.sha256Of(address),
                    type,
                    size));
        } finally {
            if (staged != null) {
                store.discard(staged);
            }
        }
    }

    private String detect(DocumentStore.Staged staged) {
        try {
            return types.detect(staged);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not tell the type of an upload", e);
        }
    }

    static UUID entityId(EntityType type, String value) {
        String id = blankToNull(value);
        if (type == EntityType.NONE) {
            if (id != null) {
                throw DocumentException.invalid("entity_id", "invalid_value", null);
            }
            return null;
        }
        if (id == null) {
            throw DocumentException.invalid("entity_id", "required", null);
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw DocumentException.invalid("entity_id", "invalid_id", null);
        }
    }

    static String required(String value, String field, int max) {
        String v = optional(value, field, max);
        if (v == null) {
            throw DocumentException.invalid(field, "required", null);
        }
        return v;
    }

    static String optional(String value, String field, int max) {
        String v = blankToNull(value);
        if (v != null && v.codePointCount(0, v.length()) > max) {
            throw DocumentException.invalid(field, "too_long", max);
        }
        return v;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String field(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(FIELD_MAX_BYTES + 1);
        if (bytes.length > FIELD_MAX_BYTES) {
            throw DocumentException.invalid(name, "too_long", FIELD_MAX_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
