package sr.gov.vpflow.appointments;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The appointment form of the pages, as submitted: a day and two clock times in Paramaribo, as
 * the browser's date and time fields send them (2026-05-01, 10:30).
 */
record AppointmentForm(
        String guestId,
        String subject,
        String purpose,
        String location,
        String date,
        String start,
        String end,
        String status,
        String reason,
        Integer version,
        Boolean notifyGuest) {

    AppointmentForm(
            String guestId,
            String subject,
            String purpose,
            String location,
            String date,
            String start,
            String end,
            String status,
            String reason,
            Integer version) {
        this(guestId, subject, purpose, location, date, start, end, status, reason, version, null);
    }

    static AppointmentForm forDay(LocalDate day, UUID guestId) {
        return new AppointmentForm(
                guestId == null ? null : guestId.toString(),
                null,
                null,
                null,
                day.toString(),
                "09:00",
                "09:30",
                "scheduled",
                null,
                null);
    }

    static AppointmentForm of(AppointmentView a) {
        return new AppointmentForm(
                a.guestId().toString(),
                a.subject(),
                a.purpose(),
                a.location(),
                a.startsAt().toLocalDate().toString(),
                a.startsAt().toLocalTime().toString(),
                a.endsAt().toLocalTime().toString(),
                a.status(),
                null,
                a.version());
    }

    BookAppointment toBooking() {
        return new BookAppointment(guest(), subject, purpose, location, startsAt(), endsAt(), status, notifyGuest);
    }

    EditAppointment toEdit() {
        return new EditAppointment(null, orEmpty(subject), orEmpty(purpose), orEmpty(location), version);
    }

    RescheduleAppointment toReschedule() {
        return new RescheduleAppointment(startsAt(), endsAt(), reason, version, notifyGuest);
    }

    UUID guest() {
        if (guestId == null || guestId.isBlank()) {
            throw FieldErrors.one(AppointmentFields.LABELS, "guest_id", "required");
        }
        try {
            return UUID.fromString(guestId.strip());
        } catch (IllegalArgumentException e) {
            throw FieldErrors.one(AppointmentFields.LABELS, "guest_id", "required");
        }
    }

    OffsetDateTime startsAt() {
        return at(day(), clock("start", start));
    }

    OffsetDateTime endsAt() {
        return at(day(), clock("end", end));
    }

    private LocalDate day() {
        if (date == null || date.isBlank()) {
            throw FieldErrors.one(AppointmentFields.LABELS, "date", "required");
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw AppointmentException.invalidDate();
        }
    }

    private static LocalTime clock(String field, String value) {
        if (value == null || value.isBlank()) {
            throw FieldErrors.one(AppointmentFields.LABELS, field, "required");
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw AppointmentException.invalidDate();
        }
    }

    private static OffsetDateTime at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(OfficeTime.ZONE).toOffsetDateTime();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
