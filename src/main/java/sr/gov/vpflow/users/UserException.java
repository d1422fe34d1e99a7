package sr.gov.vpflow.users;

import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.ProblemException;

/** Why an account change was refused. */
public final class UserException extends ProblemException {

    private UserException(HttpStatus status, String code, String detail, Object... args) {
        super(status, code, detail, args);
    }

    static UserException usernameTaken(String username) {
        return new UserException(
                HttpStatus.CONFLICT, "username_taken", "The username '" + username + "' is taken.", username);
    }

    static UserException invalidUsername() {
        return new UserException(
                HttpStatus.BAD_REQUEST,
                "invalid_username",
                "A username has 2 to 64 letters, digits, dots, dashes or underscores and starts with a letter or digit.");
    }

    static UserException invalidDisplayName() {
        return new UserException(
                HttpStatus.BAD_REQUEST, "invalid_display_name", "A display name has 1 to 200 characters.");
    }

    static UserException unknownRole(String role) {
        return new UserException(
                HttpStatus.BAD_REQUEST, "unknown_role", "The role must be vp, secretary or admin.", role);
    }

    static UserException weakPassword(String why) {
        return new UserException(HttpStatus.BAD_REQUEST, "weak_password", "The password is too weak: " + why + ".");
    }

    static UserException notFound() {
        return new UserException(HttpStatus.NOT_FOUND, "not_found", "That user was not found.");
    }

    static UserException cannotDisableSelf() {
        return new UserException(HttpStatus.CONFLICT, "cannot_disable_self", "You cannot disable your own account.");
    }

    static UserException alreadyDisabled() {
        return new UserException(HttpStatus.CONFLICT, "already_disabled", "That account is disabled already.");
    }

    static UserException alreadyActive() {
        return new UserException(HttpStatus.CONFLICT, "already_active", "That account is active already.");
    }

    static UserException requestPending() {
        return new UserException(
                HttpStatus.CONFLICT,
                "request_pending",
                "A request of this kind for that account waits for a Vice President's decision already.");
    }

    static UserException onlyVpDecides() {
        return new UserException(
                HttpStatus.FORBIDDEN, "forbidden", "Only a Vice President, signed in, decides account requests.");
    }

    static UserException reasonRequired() {
        return new UserException(
                HttpStatus.BAD_REQUEST, "reason_required", "Give the reason for the decision (up to 500 characters).");
    }

    static UserException requestNotFound() {
        return new UserException(HttpStatus.NOT_FOUND, "not_found", "That request was not found.");
    }

    static UserException alreadyDecided() {
        return new UserException(HttpStatus.CONFLICT, "already_decided", "That request was decided already.");
    }

    static UserException fourEyes() {
        return new UserException(
                HttpStatus.FORBIDDEN,
                "four_eyes",
                "A request filed by you or about your own account is decided by another Vice President.");
    }

    static UserException cannotChangeOwnRole() {
        return new UserException(HttpStatus.CONFLICT, "cannot_change_own_role", "You cannot change your own role.");
    }

    static UserException passwordsDiffer() {
        return new UserException(HttpStatus.BAD_REQUEST, "password_mismatch", "The two passwords differ.");
    }

    static UserException currentPasswordWrong() {
        return new UserException(
                HttpStatus.BAD_REQUEST,
                "current_password_wrong",
                "The current password is not right; nothing changed.");
    }

    static UserException passwordNotAccepted() {
        return new UserException(
                HttpStatus.BAD_REQUEST,
                "password_not_accepted",
                "The administrator does not choose passwords: the person chooses theirs with the activation link.");
    }

    /** Why an activation link does not work (its state: unknown, used, expired, awaiting_approval). */
    static UserException link(String state) {
        return switch (state) {
            case "unknown" ->
                new UserException(HttpStatus.NOT_FOUND, "link_unknown", "This is not a valid activation link.");
            case "used" ->
                new UserException(
                        HttpStatus.GONE, "link_used", "This link was used already or replaced by a newer one.");
            case "expired" ->
                new UserException(
                        HttpStatus.GONE, "link_expired", "This link has expired (a link works for 72 hours).");
            case "awaiting_approval" ->
                new UserException(
                        HttpStatus.CONFLICT,
                        "awaiting_approval",
                        "This link works once a Vice President has approved the new password.");
            default -> throw new IllegalStateException("activation state " + state);
        };
    }

    static UserException wrongCode() {
        return new UserException(
                HttpStatus.BAD_REQUEST, "wrong_code", "That code is not right. Try the newest code of your app.");
    }
}
