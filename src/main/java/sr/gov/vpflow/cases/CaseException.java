package sr.gov.vpflow.cases;

import java.util.List;
import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.FieldErrors.FieldError;
import sr.gov.vpflow.platform.ProblemException;

/** Why a case could not be read, opened, edited, closed or re-opened. */
public final class CaseException extends ProblemException {

    private final List<FieldError> fieldProblems;

    private CaseException(HttpStatus status, String code, String detail, Object... args) {
        this(List.of(), status, code, detail, args);
    }

    private CaseException(
            List<FieldError> fieldProblems, HttpStatus status, String code, String detail, Object... args) {
        super(status, code, detail, args);
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    /** The fields that were not valid, for a form to show next to each field. */
    public List<FieldError> fieldProblems() {
        return fieldProblems;
    }

    static CaseException invalidFields(List<FieldError> problems) {
        CaseException e =
                new CaseException(problems, HttpStatus.BAD_REQUEST, "validation_failed", "Some fields are not valid.");
        e.with("errors", FieldErrors.body(problems));
        return e;
    }

    static CaseException notFound() {
        return new CaseException(HttpStatus.NOT_FOUND, "not_found", "That case was not found.");
    }

    static CaseException guestNotFound() {
        return new CaseException(HttpStatus.NOT_FOUND, "guest_not_found", "That guest was not found.");
    }

    static CaseException appointmentNotFound() {
        return new CaseException(HttpStatus.NOT_FOUND, "appointment_not_found", "That appointment was not found.");
    }

    static CaseException officeOnly() {
        return new CaseException(
                HttpStatus.FORBIDDEN, "forbidden", "Only the Vice President and the secretaries work with cases.");
    }

    static CaseException onlyTheVpCloses() {
        return new CaseException(HttpStatus.FORBIDDEN, "forbidden", "Only the Vice President closes a case.");
    }

    static CaseException onlyTheVpReopens() {
        return new CaseException(HttpStatus.FORBIDDEN, "forbidden", "Only the Vice President re-opens a case.");
    }

    /** Re-opening is a v1.1-A action; on a database that does not carry v1.1-A it does not exist. */
    static CaseException reopeningNotOffered() {
        return new CaseException(
                HttpStatus.NOT_FOUND, "not_found", "Cases cannot be re-opened on this database (it carries v1.0).");
    }

    /** Notes and the mark for decision are v1.2 actions; before v1.2 they do not exist. */
    static CaseException officeDayNotOffered() {
        return new CaseException(
                HttpStatus.NOT_FOUND,
                "not_found",
                "Case notes and the mark for decision come with the migration plan v1.2, which this database does not"
                        + " carry yet.");
    }

    static CaseException vpOnlyNotesAreTheVps() {
        return new CaseException(
                HttpStatus.FORBIDDEN, "forbidden", "Only the Vice President writes notes for the Vice President only.");
    }

    static CaseException onlyASecretaryMarks() {
        return new CaseException(
                HttpStatus.FORBIDDEN,
                "forbidden",
                "A secretary puts a case forward for the Vice President's decision.");
    }

    static CaseException onlyTheVpClearsTheMark() {
        return new CaseException(
                HttpStatus.FORBIDDEN, "forbidden", "Only the Vice President takes the mark for decision off a case.");
    }

    static CaseException versionRequired() {
        return new CaseException(
                HttpStatus.BAD_REQUEST, "version_required", "Send the version of the case you edited.");
    }

    static CaseException staleVersion(int given, int current) {
        CaseException e = new CaseException(
                HttpStatus.CONFLICT,
                "stale_version",
                "The case was changed by someone else since version " + given + "; it is at version " + current
                        + " now. Reload it and make your change again.",
                given,
                current);
        e.with("current_version", current);
        return e;
    }

    static CaseException invalidTransition(CaseState from, CaseState to) {
        CaseException e = new CaseException(
                HttpStatus.CONFLICT,
                "invalid_transition",
                "A case cannot move from " + from.code() + " to " + to.code() + ".",
                from.code(),
                to.code());
        e.with("from", from.code()).with("to", to.code());
        return e;
    }

    static CaseException closeWithTheCloseAction() {
        return new CaseException(
                HttpStatus.BAD_REQUEST,
                "close_with_resolution",
                "A case is closed with POST /api/v1/cases/{id}/close and a resolution, not by an edit.");
    }

    static CaseException reopenWithTheReopenAction() {
        return new CaseException(
                HttpStatus.BAD_REQUEST,
                "reopen_with_reason",
                "A case is re-opened with POST /api/v1/cases/{id}/reopen and a reason, not by an edit.");
    }

    static CaseException reasonRequired() {
        return new CaseException(HttpStatus.BAD_REQUEST, "reason_required", "Re-opening a case needs a reason.");
    }

    static CaseException closedCase() {
        return new CaseException(HttpStatus.CONFLICT, "case_closed", "A closed case cannot be edited.");
    }

    static CaseException resolutionRequired() {
        return new CaseException(HttpStatus.BAD_REQUEST, "resolution_required", "Closing a case needs a resolution.");
    }
}
