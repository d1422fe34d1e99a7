package sr.gov.vpflow.appointments;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;

/**
 * The Vice President's agenda, for the Vice President and the secretaries. Other modules use
 * {@link #find} and {@link #get} to refer to an appointment by id.
 */
@Service
public class AppointmentService {

    private static final Logger log = LoggerFactory.getLogger(AppointmentService.class);

    /** A booking made a few minutes late (the guest is at the door) is not "in the past". */
    static final Duration PAST_GRACE = Duration.ofMinutes(5);

    /** The most appointments one agenda view or the calendar feed shows. */
    static final int MAX_WINDOW_ITEMS = 5000;

    private static final String EXCLUSION_VIOLATION = "23P01";

    private final AppointmentRepository appointments;
    private final GuestService guests;
    private final AuditLog audit;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AppointmentService(
            AppointmentRepository appointments,
            GuestService guests,
            AuditLog audit,
            PlatformTransactionManager transactions,
            Clock clock,
            ApplicationEventPublisher events) {
        this.appointments = appointments;
        this.guests = guests;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional
    public AppointmentView book(BookAppointment request) {
        requireOffice();
        AppointmentStatus status = initialStatus(request.status());
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        if (request.guestId() == null) {
            errors.add("guest_id", "required");
        }
        String subject = errors.requiredText("subject", request.subject(), AppointmentFields.SUBJECT);
        String purpose = errors.text("purpose", request.purpose(), AppointmentFields.PURPOSE);
        String location = errors.text("location", request.location(), AppointmentFields.LOCATION);
        requiredTimes(errors, request.startsAt(), request.endsAt());
        errors.throwIfAny();
        checkTimes(request.startsAt(), request.endsAt());
        guests.requireBookable(request.guestId());
        UUID id = holdingSlot(
                request.startsAt(),
                request.endsAt(),
                null,
                () -> appointments.insert(
                        request.guestId(), subject, purpose, location, request.startsAt(), request.endsAt(), status));
        AppointmentView created = appointments.find(id).orElseThrow();
        Changes changes = new Changes()
                .compare("guest_id", null, created.guestId())
                .compare("subject", null, subject)
                .compare("purpose", null, purpose)
                .compare("location", null, location)
                .compare("starts_at", null, created.startsAt())
                .compare("ends_at", null, created.endsAt())
                .compare("status", null, status.code());
        audit.record(AuditEvent.of("appointment_created", "appointment", id).with("changes", changes.asMap()));
        log.info("appointment {} created as {}", id, status.code());
        notifyIfAsked(request.notifyGuest(), id, AppointmentNotice.Kind.BOOKED);
        return created;
    }

    /** Edits the details; an edit that changes nothing is no event. */
    @Transactional
    public AppointmentView edit(UUID id, EditAppointment edit) {
        requireOffice();
        AppointmentView current = lockAt(id, edit.version(), true);
        UUID guestId = edit.guestId() == null ? current.guestId() : edit.guestId();
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        String subject = edit.subject() == null
                ? current.subject()
                : errors.requiredText("subject", edit.subject(), AppointmentFields.SUBJECT);
        String purpose = edit.purpose() == null
                ? current.purpose()
                : errors.text("purpose", edit.purpose(), AppointmentFields.PURPOSE);
        String location = edit.location() == null
                ? current.location()
                : errors.text("location", edit.location(), AppointmentFields.LOCATION);
        errors.throwIfAny();
        Changes changes = new Changes()
                .compare("guest_id", current.guestId(), guestId)
                .compare("subject", current.subject(), subject)
                .compare("purpose", current.purpose(), purpose)
                .compare("location", current.location(), location);
        if (changes.isEmpty()) {
            return current;
        }
        if (!guestId.equals(current.guestId())) {
            guests.requireBookable(guestId);
        }
        appointments.updateDetails(id, guestId, subject, purpose, location);
        audit.record(AuditEvent.of("appointment_updated", "appointment", id).with("changes", changes.asMap()));
        log.info("appointment {} updated", id);
        return appointments.find(id).orElseThrow();
    }

    /** Moves a requested or scheduled appointment to another time; the reason is audited. */
    @Transactional
    public AppointmentView reschedule(UUID id, RescheduleAppointment request) {
        requireOffice();
        AppointmentView current = lockAt(id, request.version(), true);
        AppointmentStatus status = current.state();
        if (!status.canMove()) {
            throw AppointmentException.cannotMove(status);
        }
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        String reason = errors.text("reason", request.reason(), AppointmentFields.REASON);
        requiredTimes(errors, request.startsAt(), request.endsAt());
        errors.throwIfAny();
        if (reason == null) {
            throw AppointmentException.reasonRequired();
        }
        checkTimes(request.startsAt(), request.endsAt());
        Changes changes = new Changes()
                .compare(
                        "starts_at",
                        current.startsAt().toInstant(),
                        request.startsAt().toInstant())
                .compare(
                        "ends_at",
                        current.endsAt().toInstant(),
                        request.endsAt().toInstant());
        if (changes.isEmpty()) {
            return current;
        }
        holdingSlot(request.startsAt(), request.endsAt(), id, () -> {
            appointments.move(id, request.startsAt(), request.endsAt());
            return id;
        });
        AppointmentView moved = appointments.find(id).orElseThrow();
        Changes shown = new Changes()
                .compare("starts_at", current.startsAt(), moved.startsAt())
                .compare("ends_at", current.endsAt(), moved.endsAt());
        audit.record(AuditEvent.of("appointment_rescheduled", "appointment", id)
                .with("changes", shown.asMap())
                .with("reason", reason));
        log.info("appointment {} rescheduled", id);
        notifyIfAsked(request.notifyGuest(), id, AppointmentNotice.Kind.RESCHEDULED);
        return moved;
    }

    /** A requested appointment is booked at its time: it now holds the slot. */
    @Transactional
    public AppointmentView schedule(UUID id, StatusAction action) {
        AppointmentView scheduled =
                transition(id, action, AppointmentStatus.SCHEDULED, "appointment_updated", current -> {
                    if (current.startsAt().toInstant().isBefore(clock.instant().minus(PAST_GRACE))) {
                        throw AppointmentException.inPast();
                    }
                });
        // the guest's confirmation of a request comes when it is booked at its time
        notifyIfAsked(action == null ? null : action.notifyGuest(), id, AppointmentNotice.Kind.BOOKED);
        return scheduled;
    }

    /** The guest has arrived at the office: possible from the day of the appointment on. */
    @Transactional
    public AppointmentView checkIn(UUID id, StatusAction action) {
        return transition(id, action, AppointmentStatus.ARRIVED, "appointment_checked_in", current -> {
            if (current.startsAt()
                    .atZoneSameInstant(OfficeTime.ZONE)
                    .toLocalDate()
                    .isAfter(OfficeTime.today(clock))) {
                throw AppointmentException.tooEarlyForCheckIn();
            }
        });
    }

    /** The appointment took place; never done automatically. */
    @Transactional
    public AppointmentView complete(UUID id, StatusAction action) {
        return transition(id, action, AppointmentStatus.COMPLETED, "appointment_completed", this::requireStarted);
    }

    /** The guest did not come; never done automatically. */
    @Transactional
    public AppointmentView noShow(UUID id, StatusAction action) {
        return transition(id, action, AppointmentStatus.NO_SHOW, "appointment_no_show", this::requireStarted);
    }

    /** Cancels an appointment that has not ended in another way; the reason is required. */
    @Transactional
    public AppointmentView cancel(UUID id, StatusAction action) {
        AppointmentView cancelled =
                transition(id, action, AppointmentStatus.CANCELLED, "appointment_cancelled", current -> {
                    if (action.reason() == null || action.reason().isBlank()) {
                        throw AppointmentException.reasonRequired();
                    }
                });
        notifyIfAsked(action.notifyGuest(), id, AppointmentNotice.Kind.CANCELLED);
        return cancelled;
    }

    /**
     * Tells the listeners (the mail module queues the guest's message) inside this transaction: a
     * refusal there refuses the change, and a change that rolls back takes the message with it.
     */
    private void notifyIfAsked(Boolean notifyGuest, UUID id, AppointmentNotice.Kind kind) {
        if (Boolean.TRUE.equals(notifyGuest)) {
            events.publishEvent(new AppointmentNotice(id, kind));
        }
    }

    @Transactional(readOnly = true)
    public Optional<AppointmentView> find(UUID id) {
        requireOffice();
        return appointments.find(id);
    }

    @Transactional(readOnly = true)
    public AppointmentView get(UUID id) {
        return find(id).orElseThrow(AppointmentException::notFound);
    }

    /** Appointments whose time overlaps [from, to), by start time, a page at a time. */
    @Transactional(readOnly = true)
    public Page<AppointmentView> list(
            OffsetDateTime from,
            OffsetDateTime to,
            UUID guestId,
            Set<AppointmentStatus> statuses,
            String cursor,
            int limit) {
        requireOffice();
        UUID after = afterCursor(cursor);
        return Page.of(appointments.list(from, to, guestId, statuses, after, limit + 1), limit, a -> a.id().toString());
    }

    /** Every appointment whose time overlaps [from, to), by start time: one agenda view or the feed. */
    @Transactional(readOnly = true)
    public List<AppointmentView> between(OffsetDateTime from, OffsetDateTime to) {
        requireOffice();
        return appointments.list(from, to, null, Set.of(), null, MAX_WINDOW_ITEMS);
    }

    /** A guest's appointments, the newest first. */
    @Transactional(readOnly = true)
    public List<AppointmentView> ofGuest(UUID guestId, int limit) {
        requireOffice();
        return appointments.ofGuest(guestId, limit);
    }

    /**
     * Appointments whose subject holds every word of {@code query} (accents and case aside), the
     * latest first: the office's search box.
     */
    @Transactional(readOnly = true)
    public List<AppointmentView> search(String query, int limit) {
        requireOffice();
        List<String> terms = java.util.Arrays.stream(query.strip().split("\\s+"))
                .filter(t -> !t.isEmpty())
                .limit(10)
                .toList();
        return terms.isEmpty() ? List.of() : appointments.search(terms, limit);
    }

    // ---- the rules ----

    private AppointmentView transition(
            UUID id,
            StatusAction action,
            AppointmentStatus target,
            String eventType,
            java.util.function.Consumer<AppointmentView> precondition) {
        requireOffice();
        StatusAction given = action == null ? StatusAction.none() : action;
        AppointmentView current = lockAt(id, given.version(), false);
        AppointmentStatus from = current.state();
        if (!from.canBecome(target)) {
            throw AppointmentException.illegalTransition(from, target);
        }
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        String reason = errors.text("reason", given.reason(), AppointmentFields.REASON);
        errors.throwIfAny();
        precondition.accept(current);
        if (target.isActive() && !from.isActive()) {
            holdingSlot(current.startsAt(), current.endsAt(), id, () -> {
                appointments.changeStatus(id, target, reason);
                return id;
            });
        } else {
            appointments.changeStatus(id, target, reason);
        }
        AuditEvent event = AuditEvent.of(eventType, "appointment", id)
                .with(
                        "changes",
                        new Changes()
                                .compare("status", from.code(), target.code())
                                .asMap());
        audit.record(reason == null ? event : event.with("reason", reason));
        log.info("appointment {} {} -> {}", id, from.code(), target.code());
        return appointments.find(id).orElseThrow();
    }

    private void requireStarted(AppointmentView current) {
        if (current.startsAt().toInstant().isAfter(clock.instant())) {
            throw AppointmentException.notStarted();
        }
    }

    private AppointmentView lockAt(UUID id, Integer version, boolean versionRequired) {
        AppointmentView current = appointments.lock(id).orElseThrow(AppointmentException::notFound);
        if (version == null) {
            if (versionRequired) {
                throw AppointmentException.versionRequired();
            }
        } else if (version != current.version()) {
            throw AppointmentException.staleVersion(current.version());
        }
        return current;
    }

    private static void requiredTimes(FieldErrors errors, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        if (startsAt == null) {
            errors.add("starts_at", "required");
        }
        if (endsAt == null) {
            errors.add("ends_at", "required");
        }
    }

    private void checkTimes(OffsetDateTime startsAt, OffsetDateTime endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw AppointmentException.endBeforeStart();
        }
        if (startsAt.toInstant().isBefore(clock.instant().minus(PAST_GRACE))) {
            throw AppointmentException.inPast();
        }
    }

    private static AppointmentStatus initialStatus(String code) {
        if (code == null || code.isBlank()) {
            return AppointmentStatus.SCHEDULED;
        }
        AppointmentStatus status = AppointmentStatus.fromCode(code.strip()).orElse(null);
        if (status != AppointmentStatus.SCHEDULED && status != AppointmentStatus.REQUESTED) {
            throw AppointmentException.invalidStatus(code);
        }
        return status;
    }

    /**
     * Runs a write that may make the appointment hold a time. The database's exclusion constraint
     * decides, even for bookings made at the same moment; the write runs in a savepoint, so that
     * when it is refused the transaction can still name the appointment that holds the time.
     */
    private UUID holdingSlot(
            OffsetDateTime startsAt, OffsetDateTime endsAt, UUID self, java.util.function.Supplier<UUID> write) {
        try {
            return savepoint.execute(status -> write.get());
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql)
                    || !EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            AppointmentView other =
                    appointments.firstActiveOverlapping(startsAt, endsAt, self).orElseThrow(() -> e);
            log.info("appointment slot refused: overlaps appointment {}", other.id());
            throw AppointmentException.overlap(other);
        }
    }

    private static UUID afterCursor(String cursor) {
        String key = Page.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_cursor", "The cursor is not valid.");
        }
    }

    /** Appointments are office content: the administrator sees none of it (the database refuses too). */
    private static void requireOffice() {
        Role role = ActorContext.current().map(Actor::role).orElse(null);
        if (role != Role.VP && role != Role.SECRETARY) {
            throw AppointmentException.forbidden();
        }
    }
}
