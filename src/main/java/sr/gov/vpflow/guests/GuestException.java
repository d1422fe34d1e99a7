package sr.gov.vpflow.guests;

import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.ProblemException;

/** Why a guest could not be found, registered or changed. */
public final class GuestException extends ProblemException {

    private GuestException(HttpStatus status, String code, String detail, Object... args) {
        super(status, code, detail, args);
    }

    static GuestException notFound() {
        return new GuestException(HttpStatus.NOT_FOUND, "not_found", "That guest was not found.");
    }

    /** A guest named by another record (an appointment, a case) does not exist or is not visible. */
    static GuestException referenceNotFound() {
        return new GuestException(HttpStatus.NOT_FOUND, "guest_not_found", "The guest was not found.");
    }

    static GuestException archived() {
        return new GuestException(
                HttpStatus.CONFLICT, "guest_archived", "The guest is archived and cannot be changed or booked.");
    }

    static GuestException versionRequired() {
        return new GuestException(
                        HttpStatus.BAD_REQUEST, "version_required", "Send the version of the guest you edited.")
                .and("field", "version");
    }

    static GuestException staleVersion(int current) {
        return new GuestException(
                        HttpStatus.CONFLICT,
                        "stale_version",
                        "Someone else changed this guest in the meantime; reload it and edit again.")
                .and("current_version", current);
    }

    static GuestException forbidden() {
        return new GuestException(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.");
    }

    private GuestException and(String name, Object value) {
        with(name, value);
        return this;
    }
}
