package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A change to the occurrences of a series, made against the version of the occurrence the editor
 * read: details (a field left null stays as each occurrence has it), and a new time of day and
 * length given as this occurrence's new start and end, with a reason.
 */
record SeriesChange(
        UUID guestId,
        String subject,
        String purpose,
        String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String reason,
        Integer version) {

    static SeriesChange of(EditAppointment edit) {
        return new SeriesChange(
                edit.guestId(), edit.subject(), edit.purpose(), edit.location(), null, null, null, edit.version());
    }

    static SeriesChange of(RescheduleAppointment move) {
        return new SeriesChange(null, null, null, null, move.startsAt(), move.endsAt(), move.reason(), move.version());
    }
}
