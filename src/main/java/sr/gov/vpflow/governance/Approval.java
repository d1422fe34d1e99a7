package sr.gov.vpflow.governance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * A recorded approval: who approved, the reference of the approval record, and when. Given to
 * {@code migrate} as {@code "APPROVER|REFERENCE|YYYY-MM-DD"}.
 */
public record Approval(String approver, String reference, LocalDate date) {

    /** Parses the command-line form; blank or absent means no approval. */
    public static Optional<Approval> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "an approval is written APPROVER|REFERENCE|YYYY-MM-DD, not '" + text + "'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(parts[2].strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the approval date '" + parts[2].strip() + "' is not YYYY-MM-DD");
        }
        return Optional.of(new Approval(parts[0].strip(), parts[1].strip(), date));
    }

    /** Why this approval cannot be accepted, if it cannot. */
    Optional<String> problem(Clock clock) {
        if (approver.length() < 2 || approver.length() > 200) {
            return Optional.of("the approver must be named (2 to 200 characters)");
        }
        if (reference.isEmpty() || reference.length() > 200) {
            return Optional.of("the approval reference must be given (1 to 200 characters)");
        }
        if (date.isAfter(OfficeTime.today(clock))) {
            return Optional.of("the approval date " + date + " lies in the future");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return approver + ", " + reference + ", " + date;
    }
}
