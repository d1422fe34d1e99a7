package sr.gov.vpflow.appointments;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.ProblemException;

/** Why an appointment could not be found, booked, moved or changed. */
public final class AppointmentException extends ProblemException {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final transient AppointmentView conflicting;

    private AppointmentException(
            HttpStatus status, String code, String detail, AppointmentView conflicting, Object... args) {
        super(status, code, detail, args);
        this.conflicting = conflicting;
    }

    private static AppointmentException of(HttpStatus status, String code, String detail, Object... args) {
        return new AppointmentException(status, code, detail, null, args);
    }

    /** The active appointment that holds the time, when the refusal is an overlap; else null. */
    public AppointmentView conflicting() {
        return conflicting;
    }

    static AppointmentException notFound() {
        return of(HttpStatus.NOT_FOUND, "not_found", "That appointment was not found.");
    }

    static AppointmentException overlap(AppointmentView other) {
        AppointmentException e = new AppointmentException(
                HttpStatus.CONFLICT,
                "appointment_overlap",
                "The Vice President has another appointment at that time.",
                other,
                other.subject(),
                DAY.format(other.startsAt()),
                TIME.format(other.startsAt()),
                TIME.format(other.endsAt()));
        return e.and("conflicting_appointment", summary(other));
    }

    /** An appointment that holds a time, as a problem names it. */
    static Map<String, Object> summary(AppointmentView other) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("id", other.id());
        member.put("subject", other.subject());
        member.put("starts_at", other.startsAt());
        member.put("ends_at", other.endsAt());
        member.put("status", other.status());
        return member;
    }

    static AppointmentException inPast() {
        return of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "appointment_in_past",
                "An appointment cannot be scheduled in the past.");
    }

    static AppointmentException endBeforeStart() {
        return of(HttpStatus.UNPROCESSABLE_CONTENT, "end_before_start", "The end must come after the start.")
                .and("field", "ends_at");
    }

    static AppointmentException illegalTransition(AppointmentStatus from, AppointmentStatus to) {
        return of(
                        HttpStatus.CONFLICT,
                        "invalid_transition",
                        "An appointment that is " + from.code() + " cannot become " + to.code() + ".",
                        new DefaultMessageSourceResolvable(
                                new String[] {"appointments.status." + from.code()}, from.code()),
                        new DefaultMessageSourceResolvable(
                                new String[] {"appointments.status." + to.code()}, to.code()))
                .and("from", from.code())
                .and("to", to.code());
    }

    static AppointmentException cannotMove(AppointmentStatus status) {
        return of(
                        HttpStatus.CONFLICT,
                        "cannot_reschedule",
                        "An appointment that is " + status.code() + " cannot move to another time.",
                        new DefaultMessageSourceResolvable(
                                new String[] {"appointments.status." + status.code()}, status.code()))
                .and("appointment_status", status.code());
    }

    static AppointmentException notStarted() {
        return of(
                HttpStatus.CONFLICT,
                "appointment_not_started",
                "The appointment has not started yet; it can be marked completed or no-show only from its start.");
    }

    static AppointmentException tooEarlyForCheckIn() {
        return of(
                HttpStatus.CONFLICT,
                "check_in_too_early",
                "A guest checks in on the day of the appointment, not before.");
    }

    static AppointmentException reasonRequired() {
        return of(HttpStatus.BAD_REQUEST, "reason_required", "Give a reason.").and("field", "reason");
    }

    static AppointmentException invalidStatus(String status) {
        return of(
                        HttpStatus.BAD_REQUEST,
                        "invalid_status",
                        "A new appointment is 'scheduled' or 'requested'.",
                        String.valueOf(status))
                .and("field", "status");
    }

    static AppointmentException unknownStatus(String status) {
        return of(
                        HttpStatus.BAD_REQUEST,
                        "invalid_status",
                        "The status must be one of requested, scheduled, arrived, completed, cancelled, no_show.",
                        String.valueOf(status))
                .and("field", "status");
    }

    static AppointmentException invalidRange() {
        return of(
                HttpStatus.BAD_REQUEST,
                "invalid_range",
                "'from' and 'to' are dates (2026-05-01) or times with an offset, and 'to' comes after 'from'.");
    }

    static AppointmentException invalidDate() {
        return of(HttpStatus.BAD_REQUEST, "invalid_date", "A day is written 2026-05-01 and a time 10:30.")
                .and("field", "date");
    }

    static AppointmentException versionRequired() {
        return of(HttpStatus.BAD_REQUEST, "version_required", "Send the version of the appointment you edited.")
                .and("field", "version");
    }

    static AppointmentException staleVersion(int current) {
        return of(
                        HttpStatus.CONFLICT,
                        "stale_version",
                        "Someone else changed this appointment in the meantime; reload it and try again.")
                .and("current_version", current);
    }

    static AppointmentException forbidden() {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.");
    }

    static AppointmentException invalidRule(String why) {
        return of(HttpStatus.BAD_REQUEST, "invalid_rule", "The rule of the series is not valid: " + why, why)
                .and("field", "rule");
    }

    static AppointmentException noOccurrences() {
        return of(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "series_without_occurrences",
                        "The rule gives no occurrence from the first start on.")
                .and("field", "rule");
    }

    /**
     * Occurrences of a series that would overlap other appointments: every one is named, and none
     * of the series is booked or changed.
     */
    static AppointmentException seriesOverlap(List<SeriesConflict> conflicts) {
        SeriesConflict first = conflicts.get(0);
        AppointmentException e = new AppointmentException(
                HttpStatus.CONFLICT,
                "series_overlap",
                conflicts.size() + " occurrence(s) of the series overlap other appointments; nothing was booked.",
                first.conflicting(),
                conflicts.size(),
                first.conflicting().subject(),
                DAY.format(first.startsAt()),
                TIME.format(first.startsAt()));
        return e.and("conflicts", conflicts.stream().map(SeriesConflict::asMap).toList());
    }

    static AppointmentException seriesLength() {
        return of(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "series_length",
                        "An appointment of a series lasts less than a day.")
                .and("field", "ends_at");
    }

    static AppointmentException seriesNotice() {
        return of(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "series_notice",
                        "Guests are mailed about one appointment at a time; book, change or cancel a series without"
                                + " notify_guest and tell the guest yourself.")
                .and("field", "notify_guest");
    }

    static AppointmentException notInSeries() {
        return of(
                        HttpStatus.CONFLICT,
                        "not_in_series",
                        "This appointment is not part of a series; change it on its own.")
                .and("field", "scope");
    }

    static AppointmentException invalidScope(String scope) {
        return of(
                        HttpStatus.BAD_REQUEST,
                        "invalid_scope",
                        "The scope is this, following or all.",
                        String.valueOf(scope))
                .and("field", "scope");
    }

    static AppointmentException seriesCancelled() {
        return of(
                HttpStatus.CONFLICT, "series_cancelled", "The series is cancelled; its occurrences stay as they are.");
    }

    static AppointmentException seriesDayChange() {
        return of(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "series_day_change",
                        "Occurrences of a series move to another time on the same day; to move them to other days,"
                                + " cancel them and book a new series.")
                .and("field", "starts_at");
    }

    static AppointmentException holidaysUnavailable() {
        return of(
                        HttpStatus.CONFLICT,
                        "holidays_unavailable",
                        "The holiday calendar is not installed yet (plan v1.2); book without skipping holidays.")
                .and("field", "skip_holidays");
    }

    private AppointmentException and(String name, Object value) {
        with(name, value);
        return this;
    }
}
