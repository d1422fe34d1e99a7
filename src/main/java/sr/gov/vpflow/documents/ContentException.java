package sr.gov.vpflow.documents;

import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.ProblemException;

/** A content that cannot be taken or served. */
public class ContentException extends ProblemException {

    private ContentException(HttpStatus status, String code, String detail, Object... args) {
        super(status, code, detail, args);
    }

    public static ContentException tooLarge(long maxBytes) {
        return (ContentException) new ContentException(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "file_too_large",
                        "The file is larger than the limit of " + maxBytes / (1024 * 1024) + " MB.",
                        maxBytes / (1024 * 1024))
                .with("max_bytes", maxBytes);
    }

    /** The content a record refers to is not in the store. */
    public static ContentException missing() {
        return new ContentException(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "content_missing",
                "The content of this document is missing from the document store; it was not served.");
    }

    /** The store could not be read just now: nothing is known to be wrong with the content. */
    public static ContentException unavailable() {
        return new ContentException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "content_unavailable",
                "The document store could not be read just now; the content was not served. Try again.");
    }

    /** The content in the store is not the content the record refers to. */
    public static ContentException corrupt() {
        return new ContentException(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "content_corrupt",
                "The content of this document in the document store does not match its checksum; it was not served.");
    }
}
