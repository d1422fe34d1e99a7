package sr.gov.vpflow.documents;

import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;

/** Why a document could not be uploaded, linked, read or deactivated. */
public final class DocumentException extends ProblemException {

    private DocumentException(HttpStatus status, String code, String detail, Object... args) {
        super(status, code, detail, args);
    }

    static DocumentException notFound() {
        return new DocumentException(HttpStatus.NOT_FOUND, "not_found", "The document was not found.");
    }

    static DocumentException entityNotFound(EntityType type) {
        return (DocumentException) new DocumentException(
                        HttpStatus.NOT_FOUND,
                        "entity_not_found",
                        "The " + type.code() + " to link to does not exist, or you may not see it.")
                .with("entity_type", type.code());
    }

    static DocumentException officeOnly() {
        return new DocumentException(
                HttpStatus.FORBIDDEN, "forbidden", "Documents are for the Vice President and the secretaries.");
    }

    /** One field is not valid: the same {@code validation_failed} as every module's. */
    static FieldErrors.Invalid invalid(String field, String code, Integer max) {
        return FieldErrors.one("documents.field.", new FieldErrors.FieldError(field, code, max));
    }

    static DocumentException fileRequired() {
        return new DocumentException(
                HttpStatus.BAD_REQUEST, "file_required", "Choose a file to upload (the part 'file').");
    }

    static DocumentException emptyFile() {
        return new DocumentException(HttpStatus.BAD_REQUEST, "empty_file", "The file is empty.");
    }

    static DocumentException notMultipart() {
        return new DocumentException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "multipart_required",
                "Upload a document as multipart/form-data with the parts file, title and description.");
    }

    static DocumentException insufficientStorage() {
        return new DocumentException(
                HttpStatus.INSUFFICIENT_STORAGE,
                "insufficient_storage",
                "The document store has no room left; the upload was not kept. Try again later.");
    }

    static DocumentException storageFailed() {
        return new DocumentException(
                HttpStatus.INTERNAL_SERVER_ERROR, "storage_error", "The document store could not keep the upload.");
    }

    static DocumentException tooManyParts(int max) {
        return new DocumentException(
                HttpStatus.BAD_REQUEST,
                "too_many_parts",
                "An upload has a file and at most " + (max - 1) + " fields besides; this one has more.",
                max - 1);
    }

    static DocumentException malformedUpload() {
        return new DocumentException(HttpStatus.BAD_REQUEST, "malformed_upload", "The upload could not be read.");
    }

    static DocumentException typeNotAllowed(String detected) {
        return (DocumentException) new DocumentException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "file_type_not_allowed",
                        "Files of this type (" + detected + ") cannot be kept as documents: PDF, images, Word, Excel,"
                                + " PowerPoint, OpenDocument, plain text and e-mail (.eml) can.",
                        detected)
                .with("detected_type", detected);
    }

    static DocumentException linkExists() {
        return new DocumentException(HttpStatus.CONFLICT, "link_exists", "The document is linked to that already.");
    }

    static DocumentException deactivated() {
        return new DocumentException(HttpStatus.CONFLICT, "document_deactivated", "The document is deactivated.");
    }

    static DocumentException alreadyDeactivated() {
        return new DocumentException(
                HttpStatus.CONFLICT, "already_deactivated", "The document was deactivated already.");
    }

    static DocumentException reasonRequired() {
        return new DocumentException(HttpStatus.BAD_REQUEST, "reason_required", "Give the reason for deactivating.");
    }

    static DocumentException invalidDisposition() {
        return (DocumentException) new DocumentException(
                        HttpStatus.BAD_REQUEST, "invalid_parameter", "disposition is inline or attachment.")
                .with("parameter", "disposition");
    }

    static DocumentException rangeNotSatisfiable(long size) {
        return (DocumentException) new DocumentException(
                        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                        "range_not_satisfiable",
                        "The range lies beyond the end of the content (" + size + " bytes).")
                .with("size", size);
    }
}
