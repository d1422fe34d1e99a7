package sr.gov.vpflow.appointments;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import sr.gov.vpflow.holidays.Holiday;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;

/**
 * Recurring appointments. A series keeps its rule and what its occurrences share; every occurrence
 * is an appointment row, made for a rolling horizon and extended as time passes, so the no-overlap
 * constraint, check-in and no-show work on it as on any other. A booking is all or nothing: when
 * occurrences would overlap other appointments, every one is named and none is booked, unless the
 * free ones are asked for. A change or cancellation reaches one occurrence (AppointmentService),
 * this and the following ones (the series is split there), or all of them; occurrences that have
 * begun or ended keep what happened.
 */
@Service
public class SeriesService {

    private static final Logger log = LoggerFactory.getLogger(SeriesService.class);

    /** How far ahead occurrences are made. */
    static final Duration HORIZON = Duration.ofDays(366);

    static final String ENTITY = "appointment_series";

    private static final String EXCLUSION_VIOLATION = "23P01";

    private final AppointmentRepository appointments;
    private final SeriesRepository series;
    private final GuestService guests;
    private final HolidayService holidays;
    private final AuditLog audit;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    SeriesService(
            AppointmentRepository appointments,
            SeriesRepository series,
            GuestService guests,
            HolidayService holidays,
            AuditLog audit,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.appointments = appointments;
        this.series = series;
        this.guests = guests;
        this.holidays = holidays;
        this.audit = audit;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Which occurrences a change or cancellation reaches. */
    public enum Scope {
        THIS,
        FOLLOWING,
        ALL;

        public static Scope of(String code) {
            if (code == null || code.isBlank()) {
                return THIS;
            }
            return switch (code.strip()) {
                case "this" -> THIS;
                case "following" -> FOLLOWING;
                case "all" -> ALL;
                default -> throw AppointmentException.invalidScope(code);
            };
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A guest's confirmation is about one appointment; a series (booked, or changed or cancelled
     * beyond one occurrence) is not mailed, and asking for it is refused rather than ignored.
     */
    static void refuseNotice(Boolean notifyGuest) {
        if (Boolean.TRUE.equals(notifyGuest)) {
            throw AppointmentException.seriesNotice();
        }
    }

    @Transactional
    public SeriesView book(BookSeries request) {
        requireOffice();
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        if (request.guestId() == null) {
            errors.add("guest_id", "required");
        }
        String subject = errors.requiredText("subject", request.subject(), AppointmentFields.SUBJECT);
        String purpose = errors.text("purpose", request.purpose(), AppointmentFields.PURPOSE);
        String location = errors.text("location", request.location(), AppointmentFields.LOCATION);
        if (request.startsAt() == null) {
            errors.add("starts_at", "required");
        }
        if (request.endsAt() == null) {
            errors.add("ends_at", "required");
        }
        errors.throwIfAny();
        checkTimes(request.startsAt(), request.endsAt());
        checkLength(request.startsAt(), request.endsAt());
        Recurrence rule = Recurrence.parse(request.rule());
        boolean skipHolidays = Boolean.TRUE.equals(request.skipHolidays());
        if (skipHolidays && !holidays.available()) {
            throw AppointmentException.holidaysUnavailable();
        }
        guests.requireBookable(request.guestId());
        Duration length = Duration.between(request.startsAt(), request.endsAt());
        ZonedDateTime first = rule.firstFrom(request.startsAt().atZoneSameInstant(OfficeTime.ZONE));
        if (first == null) {
            throw AppointmentException.noOccurrences();
        }
        Instant horizon = clock.instant().plus(HORIZON);
        // at most one a day (a rule says on which days), so at most 367 up to the horizon
        List<ZonedDateTime> starts = rule.starts(first, first.toInstant(), horizon);
        Plan plan = plan(starts, length, skipHolidays);
        List<SeriesConflict> conflicts = series.conflicts(plan.slots(), Set.of());
        if (!conflicts.isEmpty()
                && (!Boolean.TRUE.equals(request.bookFree())
                        || conflicts.size() == plan.slots().size())) {
            log.info("series refused: {} occurrence(s) overlap other appointments", conflicts.size());
            throw AppointmentException.seriesOverlap(conflicts);
        }
        List<Skipped> skipped = new ArrayList<>(plan.skipped());
        Set<OffsetDateTime> taken = new HashSet<>();
        for (SeriesConflict c : conflicts) {
            taken.add(c.startsAt());
            skipped.add(new Skipped(
                    c.startsAt(), c.endsAt(), "overlap", c.conflicting().id()));
        }
        OffsetDateTime firstStart = OfficeTime.inOffice(first.toOffsetDateTime());
        UUID id = series.insert(
                request.guestId(),
                subject,
                purpose,
                location,
                firstStart,
                firstStart.plus(length),
                rule.rule(),
                skipHolidays,
                horizon,
                null);
        List<SeriesRepository.Slot> booked =
                plan.slots().stream().filter(s -> !taken.contains(s.startsAt())).toList();
        makeOccurrences(id, booked, request.guestId(), subject, purpose, location);
        skipped.sort(java.util.Comparator.comparing(Skipped::startsAt));
        audit.record(AuditEvent.of("appointment_series_created", ENTITY, id)
                .with(
                        "changes",
                        new Changes()
                                .compare("guest_id", null, request.guestId())
                                .compare("subject", null, subject)
                                .compare("purpose", null, purpose)
                                .compare("location", null, location)
                                .compare("starts_at", null, firstStart)
                                .compare("ends_at", null, firstStart.plus(length))
                                .compare("rule", null, rule.rule())
                                .asMap())
                .with("skip_holidays", skipHolidays)
                .with("occurrences", booked.size())
                .with("skipped", skippedForAudit(skipped)));
        log.info("series {} booked: {} occurrence(s), {} skipped", id, booked.size(), skipped.size());
        return view(id, skipped);
    }

    @Transactional(readOnly = true)
    public SeriesView get(UUID id) {
        requireOffice();
        SeriesRepository.Row row = series.find(id).orElseThrow(AppointmentException::notFound);
        return view(row, series.occurrences(id), notBooked(row, series.occurrences(id)));
    }

    /**
     * Changes the details, the time of day and length, or both, of the occurrences a scope
     * reaches, against the version of the occurrence the editor read. A time change needs a reason
     * and stays on each occurrence's own day; it is all or nothing like a booking.
     */
    @Transactional
    public AppointmentView change(UUID occurrenceId, Scope scope, SeriesChange change) {
        requireOffice();
        if (scope == Scope.THIS) {
            throw new IllegalArgumentException("one occurrence is changed as an appointment");
        }
        SeriesRepository.Row row = lockedSeries(occurrenceId);
        AppointmentView current = appointments.lock(occurrenceId).orElseThrow(AppointmentException::notFound);
        if (change.version() == null) {
            throw AppointmentException.versionRequired();
        }
        if (change.version() != current.version()) {
            throw AppointmentException.staleVersion(current.version());
        }
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        String subject = change.subject() == null
                ? null
                : errors.requiredText("subject", change.subject(), AppointmentFields.SUBJECT);
        String purpose =
                change.purpose() == null ? null : errors.text("purpose", change.purpose(), AppointmentFields.PURPOSE);
        String location = change.location() == null
                ? null
                : errors.text("location", change.location(), AppointmentFields.LOCATION);
        boolean moves = change.startsAt() != null || change.endsAt() != null;
        String reason = null;
        if (moves) {
            if (change.startsAt() == null) {
                errors.add("starts_at", "required");
            }
            if (change.endsAt() == null) {
                errors.add("ends_at", "required");
            }
            reason = errors.text("reason", change.reason(), AppointmentFields.REASON);
        }
        errors.throwIfAny();
        if (change.guestId() != null && !change.guestId().equals(row.guestId())) {
            guests.requireBookable(change.guestId());
        }
        Duration delta = Duration.ZERO;
        Duration before = Duration.between(row.startsAt(), row.endsAt());
        Duration length = before;
        if (moves) {
            if (reason == null) {
                throw AppointmentException.reasonRequired();
            }
            checkTimes(change.startsAt(), change.endsAt());
            checkLength(change.startsAt(), change.endsAt());
            if (!day(change.startsAt()).equals(day(current.occurrenceAt()))) {
                throw AppointmentException.seriesDayChange();
            }
            delta = Duration.between(current.occurrenceAt(), change.startsAt());
            length = Duration.between(change.startsAt(), change.endsAt());
        }
        List<AppointmentView> reached = reached(row, current, scope);
        boolean split = scope == Scope.FOLLOWING && row.startsAt().isBefore(current.occurrenceAt());
        Instant now = clock.instant();
        List<AppointmentView> changeable = reached.stream()
                .filter(a -> a.state().canMove() && !a.startsAt().toInstant().isBefore(now))
                .toList();
        UUID guestId = change.guestId() == null ? row.guestId() : change.guestId();
        String newSubject = subject == null ? row.subject() : subject;
        String newPurpose = change.purpose() == null ? row.purpose() : purpose;
        String newLocation = change.location() == null ? row.location() : location;
        Recurrence rule = Recurrence.parse(row.rule());
        Instant bookedUntil = row.bookedUntil().toInstant().plus(delta);
        Duration shift = delta;
        Duration newLength = length;
        Set<UUID> moving = changeable.stream().map(AppointmentView::id).collect(Collectors.toSet());
        List<SeriesRepository.Slot> targets = changeable.stream()
                .map(a -> new SeriesRepository.Slot(
                        a.occurrenceAt().plus(shift),
                        a.occurrenceAt().plus(shift).plus(newLength)))
                .toList();
        if (moves) {
            List<SeriesConflict> conflicts = series.conflicts(targets, moving);
            if (!conflicts.isEmpty()) {
                throw AppointmentException.seriesOverlap(conflicts);
            }
        }
        UUID target = row.id();
        if (split) {
            int taken = rule.starts(
                            row.startsAt().atZoneSameInstant(OfficeTime.ZONE),
                            row.startsAt().toInstant(),
                            current.occurrenceAt().toInstant())
                    .size();
            series.update(
                    row.id(),
                    row.guestId(),
                    row.subject(),
                    row.purpose(),
                    row.location(),
                    row.startsAt(),
                    row.endsAt(),
                    rule.endingBefore(
                                    row.startsAt().atZoneSameInstant(OfficeTime.ZONE),
                                    current.occurrenceAt().toInstant())
                            .rule(),
                    row.bookedUntil().toInstant());
            OffsetDateTime newFirst = current.occurrenceAt().plus(delta);
            target = series.insert(
                    guestId,
                    newSubject,
                    newPurpose,
                    newLocation,
                    newFirst,
                    newFirst.plus(length),
                    rule.withCountLeft(taken).shifted(delta).rule(),
                    row.skipHolidays(),
                    bookedUntil,
                    row.id());
        } else {
            OffsetDateTime newFirst = row.startsAt().plus(delta);
            series.update(
                    row.id(),
                    guestId,
                    newSubject,
                    newPurpose,
                    newLocation,
                    newFirst,
                    newFirst.plus(length),
                    rule.shifted(delta).rule(),
                    bookedUntil);
        }
        UUID into = target;
        // moved in the direction of the shift, so that no occurrence meets another on its way
        List<AppointmentView> order = new ArrayList<>(reached);
        if (delta.compareTo(Duration.ZERO) > 0) {
            java.util.Collections.reverse(order);
        }
        String why = reason;
        // the audit events after the writes: the audit chain's lock is taken last, so that a
        // booking made meanwhile cannot wait for it while holding a time this change needs
        List<AuditEvent> events = new ArrayList<>();
        holdingSlots(targets, moving, () -> {
            for (AppointmentView a : order) {
                if (moving.contains(a.id())) {
                    UUID newGuest = change.guestId() == null ? a.guestId() : guestId;
                    String newSubjectOf = subject == null ? a.subject() : subject;
                    String newPurposeOf = change.purpose() == null ? a.purpose() : purpose;
                    String newLocationOf = change.location() == null ? a.location() : location;
                    Changes details = new Changes()
                            .compare("guest_id", a.guestId(), newGuest)
                            .compare("subject", a.subject(), newSubjectOf)
                            .compare("purpose", a.purpose(), newPurposeOf)
                            .compare("location", a.location(), newLocationOf);
                    if (!details.isEmpty()) {
                        appointments.updateDetails(a.id(), newGuest, newSubjectOf, newPurposeOf, newLocationOf);
                        events.add(AuditEvent.of("appointment_updated", "appointment", a.id())
                                .with("changes", details.asMap())
                                .with("series_id", into)
                                .with("scope", scope.code()));
                    }
                    OffsetDateTime start = a.occurrenceAt().plus(shift);
                    if (moves
                            && !(start.isEqual(a.startsAt())
                                    && start.plus(newLength).isEqual(a.endsAt()))) {
                        appointments.move(a.id(), start, start.plus(newLength));
                        events.add(AuditEvent.of("appointment_rescheduled", "appointment", a.id())
                                .with(
                                        "changes",
                                        new Changes()
                                                .compare("starts_at", a.startsAt(), start)
                                                .compare("ends_at", a.endsAt(), start.plus(newLength))
                                                .asMap())
                                .with("reason", why)
                                .with("series_id", into)
                                .with("scope", scope.code()));
                    }
                }
                if (!into.equals(a.seriesId()) || !shift.isZero()) {
                    series.reassign(a.id(), into, a.occurrenceAt().plus(shift));
                }
            }
        });
        Changes changes = new Changes()
                .compare("guest_id", row.guestId(), guestId)
                .compare("subject", row.subject(), newSubject)
                .compare("purpose", row.purpose(), newPurpose)
                .compare("location", row.location(), newLocation);
        if (moves) {
            changes.compare(
                            "starts_at",
                            current.occurrenceAt(),
                            current.occurrenceAt().plus(delta))
                    .compare(
                            "ends_at",
                            current.occurrenceAt().plus(before),
                            current.occurrenceAt().plus(delta).plus(length));
        }
        AuditEvent event = AuditEvent.of("appointment_series_updated", ENTITY, row.id())
                .with("scope", scope.code())
                .with("occurrence_id", occurrenceId)
                .with("changes", changes.asMap())
                .with("occurrences", changeable.size());
        if (reason != null) {
            event = event.with("reason", reason);
        }
        if (split) {
            event = event.with("new_series_id", target);
            audit.record(AuditEvent.of("appointment_series_created", ENTITY, target)
                    .with("split_from", row.id())
                    .with("occurrences", reached.size()));
        }
        audit.record(event);
        events.forEach(audit::record);
        log.info(
                "series {} changed from occurrence {} ({}): {} occurrence(s)",
                row.id(),
                occurrenceId,
                scope.code(),
                changeable.size());
        return appointments.find(occurrenceId).orElseThrow();
    }

    /**
     * Cancels the occurrences a scope reaches that have not begun; the reason is required and each
     * keeps it. The rule ends before the first occurrence cancelled, so that what took place stays
     * in calendars; cancelling all, or from the first on, ends the series: it is not extended again.
     */
    @Transactional
    public AppointmentView cancel(UUID occurrenceId, Scope scope, StatusAction action) {
        requireOffice();
        if (scope == Scope.THIS) {
            throw new IllegalArgumentException("one occurrence is cancelled as an appointment");
        }
        StatusAction given = action == null ? StatusAction.none() : action;
        SeriesRepository.Row row = lockedSeries(occurrenceId);
        AppointmentView current = appointments.lock(occurrenceId).orElseThrow(AppointmentException::notFound);
        if (given.version() != null && given.version() != current.version()) {
            throw AppointmentException.staleVersion(current.version());
        }
        FieldErrors errors = new FieldErrors(AppointmentFields.LABELS);
        String reason = errors.text("reason", given.reason(), AppointmentFields.REASON);
        errors.throwIfAny();
        if (reason == null) {
            throw AppointmentException.reasonRequired();
        }
        Instant now = clock.instant();
        List<AppointmentView> cancelled = reached(row, current, scope).stream()
                .filter(a -> a.state().canMove() && !a.startsAt().toInstant().isBefore(now))
                .toList();
        for (AppointmentView a : cancelled) {
            appointments.changeStatus(a.id(), AppointmentStatus.CANCELLED, reason);
        }
        Instant end = cancelled.isEmpty()
                ? row.bookedUntil().toInstant()
                : cancelled.get(0).occurrenceAt().toInstant();
        series.update(
                row.id(),
                row.guestId(),
                row.subject(),
                row.purpose(),
                row.location(),
                row.startsAt(),
                row.endsAt(),
                Recurrence.parse(row.rule())
                        .endingBefore(row.startsAt().atZoneSameInstant(OfficeTime.ZONE), end)
                        .rule(),
                row.bookedUntil().toInstant());
        boolean whole = scope == Scope.ALL || !row.startsAt().isBefore(current.occurrenceAt());
        if (whole) {
            series.cancel(row.id(), reason);
        }
        audit.record(AuditEvent.of("appointment_series_cancelled", ENTITY, row.id())
                .with("scope", scope.code())
                .with("occurrence_id", occurrenceId)
                .with("occurrences", cancelled.size())
                .with("series_ended", whole)
                .with("reason", reason));
        for (AppointmentView a : cancelled) {
            audit.record(AuditEvent.of("appointment_cancelled", "appointment", a.id())
                    .with(
                            "changes",
                            new Changes()
                                    .compare("status", a.status(), AppointmentStatus.CANCELLED.code())
                                    .asMap())
                    .with("reason", reason)
                    .with("series_id", row.id())
                    .with("scope", scope.code()));
        }
        log.info(
                "series {} cancelled from occurrence {} ({}): {} occurrence(s)",
                row.id(),
                occurrenceId,
                scope.code(),
                cancelled.size());
        return appointments.find(occurrenceId).orElseThrow();
    }

    /** Books a series' occurrences up to a year from now, at once (the demo, after booking its past). */
    @Transactional
    public int extendNow(UUID id) {
        requireOffice();
        return extend(id, clock.instant().plus(HORIZON));
    }

    /**
     * Makes the occurrences of one series up to {@code horizon}; occurrences that would overlap
     * another appointment are skipped and named in the audit log. A rule with no occurrence after
     * the horizon is complete: nothing is left to extend. Runs in the caller's transaction, with
     * the series locked.
     */
    int extend(UUID id, Instant horizon) {
        SeriesRepository.Row row = series.lock(id).orElse(null);
        if (row == null
                || row.cancelled()
                || row.complete()
                || !row.bookedUntil().toInstant().isBefore(horizon)) {
            return 0;
        }
        Recurrence rule = Recurrence.parse(row.rule());
        ZonedDateTime first = row.startsAt().atZoneSameInstant(OfficeTime.ZONE);
        Duration length = Duration.between(row.startsAt(), row.endsAt());
        List<ZonedDateTime> starts = rule.starts(first, row.bookedUntil().toInstant(), horizon);
        Plan plan = plan(starts, length, row.skipHolidays() && holidays.available());
        List<SeriesConflict> conflicts = series.conflicts(plan.slots(), Set.of());
        Set<OffsetDateTime> taken =
                conflicts.stream().map(SeriesConflict::startsAt).collect(Collectors.toSet());
        List<Skipped> skipped = new ArrayList<>(plan.skipped());
        conflicts.forEach(c -> skipped.add(
                new Skipped(c.startsAt(), c.endsAt(), "overlap", c.conflicting().id())));
        List<SeriesRepository.Slot> booked =
                plan.slots().stream().filter(s -> !taken.contains(s.startsAt())).toList();
        int made = makeOccurrences(id, booked, row.guestId(), row.subject(), row.purpose(), row.location());
        boolean complete = rule.ends()
                && rule.starts(first, horizon, horizon.plus(Duration.ofDays(366L * 200)))
                        .isEmpty();
        series.extendTo(id, horizon, complete);
        if (made > 0 || !skipped.isEmpty()) {
            audit.record(AuditEvent.of("appointment_series_extended", ENTITY, id)
                    .with("occurrences", made)
                    .with("skipped", skippedForAudit(skipped)));
        }
        if (!conflicts.isEmpty()) {
            log.warn(
                    "series {} extended: {} occurrence(s) skipped because they overlap other appointments",
                    id,
                    conflicts.size());
        }
        return made;
    }

    /**
     * The next running series (after {@code after}, by id) that are booked for less than a week
     * short of {@code horizon}, locked: another instance skips them.
     */
    List<UUID> dueForExtension(Instant horizon, UUID after, int limit) {
        return series.lockDueForExtension(horizon.minus(Duration.ofDays(7)), after, limit);
    }

    /**
     * The series of the given ids as the calendar feed writes them: each with all its occurrences,
     * the starts of its rule (up to where it is booked) that have no appointment or a cancelled one
     * (EXDATE), and its appointments that lie outside its rule (written as events of their own).
     */
    @Transactional(readOnly = true)
    List<SeriesFeedItem> forFeed(java.util.Collection<UUID> ids) {
        requireOffice();
        List<SeriesFeedItem> items = new ArrayList<>();
        for (SeriesRepository.Row row : series.findAll(ids)) {
            List<AppointmentView> occurrences = series.occurrences(row.id());
            Set<Instant> starts = Recurrence.parse(row.rule())
                    .starts(
                            row.startsAt().atZoneSameInstant(OfficeTime.ZONE),
                            row.startsAt().toInstant(),
                            row.bookedUntil().toInstant())
                    .stream()
                    .map(ZonedDateTime::toInstant)
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            Set<Instant> held = occurrences.stream()
                    .filter(a -> a.state() != AppointmentStatus.CANCELLED)
                    .map(a -> a.occurrenceAt().toInstant())
                    .collect(Collectors.toSet());
            List<OffsetDateTime> excluded = starts.stream()
                    .filter(start -> !held.contains(start))
                    .map(start -> OfficeTime.inOffice(start.atOffset(java.time.ZoneOffset.UTC)))
                    .toList();
            List<AppointmentView> inRule = occurrences.stream()
                    .filter(a -> starts.contains(a.occurrenceAt().toInstant()))
                    .toList();
            List<AppointmentView> outside = occurrences.stream()
                    .filter(a -> !starts.contains(a.occurrenceAt().toInstant()))
                    .toList();
            items.add(new SeriesFeedItem(row, inRule, excluded, outside));
        }
        return items;
    }

    /** A series for the feed. */
    record SeriesFeedItem(
            SeriesRepository.Row series,
            List<AppointmentView> occurrences,
            List<OffsetDateTime> excluded,
            List<AppointmentView> outside) {

        /** Whether its rule holds nothing: it is written as cancelled. */
        boolean gone() {
            return occurrences.stream().allMatch(a -> a.state() == AppointmentStatus.CANCELLED);
        }
    }

    // ---- the rules ----

    /**
     * The series of an occurrence, locked before the occurrence is: every change of a series takes
     * its locks in this order, so that two of them never wait for each other.
     */
    private SeriesRepository.Row lockedSeries(UUID occurrenceId) {
        AppointmentView occurrence = appointments.find(occurrenceId).orElseThrow(AppointmentException::notFound);
        if (!occurrence.inSeries()) {
            throw AppointmentException.notInSeries();
        }
        SeriesRepository.Row row = series.lock(occurrence.seriesId()).orElseThrow(AppointmentException::notFound);
        if (row.cancelled()) {
            throw AppointmentException.seriesCancelled();
        }
        return row;
    }

    /**
     * Makes an appointment for each slot (none where the series has one already), all of them or
     * (refused by the database) none, then writes each one's audit event as any booking has: the
     * audit chain's lock is taken after the times are held. Returns how many were made.
     */
    private int makeOccurrences(
            UUID seriesId,
            List<SeriesRepository.Slot> slots,
            UUID guestId,
            String subject,
            String purpose,
            String location) {
        Map<UUID, SeriesRepository.Slot> made = new LinkedHashMap<>();
        holdingSlots(slots, Set.of(), () -> {
            for (SeriesRepository.Slot slot : slots) {
                series.insertOccurrence(
                                seriesId,
                                slot.startsAt(),
                                guestId,
                                subject,
                                purpose,
                                location,
                                slot.startsAt(),
                                slot.endsAt())
                        .ifPresent(id -> made.put(id, slot));
            }
        });
        made.forEach((id, slot) -> audit.record(AuditEvent.of("appointment_created", "appointment", id)
                .with(
                        "changes",
                        new Changes()
                                .compare("guest_id", null, guestId)
                                .compare("subject", null, subject)
                                .compare("purpose", null, purpose)
                                .compare("location", null, location)
                                .compare("starts_at", null, slot.startsAt())
                                .compare("ends_at", null, slot.endsAt())
                                .compare("status", null, AppointmentStatus.SCHEDULED.code())
                                .asMap())
                .with("series_id", seriesId)));
        return made.size();
    }

    /** The occurrences a scope reaches from {@code current}, by their rule's start. */
    private List<AppointmentView> reached(SeriesRepository.Row row, AppointmentView current, Scope scope) {
        List<AppointmentView> all = series.occurrences(row.id());
        return switch (scope) {
            case THIS -> all.stream().filter(a -> a.id().equals(current.id())).toList();
            case FOLLOWING ->
                all.stream()
                        .filter(a -> !a.occurrenceAt().isBefore(current.occurrenceAt()))
                        .toList();
            case ALL -> all;
        };
    }

    /** The slots of the given starts, without those on a holiday when the series skips them. */
    private Plan plan(List<ZonedDateTime> starts, Duration length, boolean skipHolidays) {
        Set<LocalDate> closed = new HashSet<>();
        if (skipHolidays && !starts.isEmpty()) {
            for (Holiday h : holidays.between(
                    starts.get(0).toLocalDate(), starts.get(starts.size() - 1).toLocalDate())) {
                closed.add(h.day());
            }
        }
        List<SeriesRepository.Slot> slots = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            OffsetDateTime from = OfficeTime.inOffice(start.toOffsetDateTime());
            if (closed.contains(start.toLocalDate())) {
                skipped.add(new Skipped(from, from.plus(length), "holiday", null));
            } else {
                slots.add(new SeriesRepository.Slot(from, from.plus(length)));
            }
        }
        return new Plan(slots, skipped);
    }

    private record Plan(List<SeriesRepository.Slot> slots, List<Skipped> skipped) {}

    /** The rule's occurrences up to the horizon that have no row: skipped on booking or extension. */
    private List<Skipped> notBooked(SeriesRepository.Row row, List<AppointmentView> occurrences) {
        Recurrence rule = Recurrence.parse(row.rule());
        Set<Instant> booked =
                occurrences.stream().map(a -> a.occurrenceAt().toInstant()).collect(Collectors.toSet());
        Duration length = Duration.between(row.startsAt(), row.endsAt());
        List<ZonedDateTime> starts = rule.starts(
                row.startsAt().atZoneSameInstant(OfficeTime.ZONE),
                row.startsAt().toInstant(),
                row.bookedUntil().toInstant());
        Set<LocalDate> closed = new HashSet<>();
        if (!starts.isEmpty()) {
            holidays.between(
                            starts.get(0).toLocalDate(),
                            starts.get(starts.size() - 1).toLocalDate())
                    .forEach(h -> closed.add(h.day()));
        }
        List<Skipped> skipped = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            if (!booked.contains(start.toInstant())) {
                OffsetDateTime from = OfficeTime.inOffice(start.toOffsetDateTime());
                skipped.add(new Skipped(
                        from,
                        from.plus(length),
                        row.skipHolidays() && closed.contains(start.toLocalDate()) ? "holiday" : "not_booked",
                        null));
            }
        }
        return skipped;
    }

    private SeriesView view(UUID id, List<Skipped> skipped) {
        SeriesRepository.Row row = series.find(id).orElseThrow();
        return view(row, series.occurrences(id), skipped);
    }

    private static SeriesView view(SeriesRepository.Row row, List<AppointmentView> occurrences, List<Skipped> skipped) {
        return new SeriesView(
                row.id(),
                row.guestId(),
                row.subject(),
                row.purpose(),
                row.location(),
                row.startsAt(),
                row.endsAt(),
                row.rule(),
                row.skipHolidays(),
                row.bookedUntil(),
                row.cancelledAt(),
                row.cancelReason(),
                row.createdAt(),
                row.updatedAt(),
                row.version(),
                occurrences,
                skipped);
    }

    /** Times and reasons only: the audit log names no one through a skipped occurrence. */
    private static List<Map<String, Object>> skippedForAudit(List<Skipped> skipped) {
        return skipped.stream()
                .map(s -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("starts_at", s.startsAt());
                    entry.put("reason", s.reason());
                    if (s.conflictingAppointmentId() != null) {
                        entry.put("conflicting_appointment_id", s.conflictingAppointmentId());
                    }
                    return entry;
                })
                .toList();
    }

    private void checkTimes(OffsetDateTime startsAt, OffsetDateTime endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw AppointmentException.endBeforeStart();
        }
        if (startsAt.toInstant().isBefore(clock.instant().minus(AppointmentService.PAST_GRACE))) {
            throw AppointmentException.inPast();
        }
    }

    /** Occurrences are on days of their own: one lasts less than a day. */
    private static void checkLength(OffsetDateTime startsAt, OffsetDateTime endsAt) {
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(1)) >= 0) {
            throw AppointmentException.seriesLength();
        }
    }

    private static LocalDate day(OffsetDateTime time) {
        return time.atZoneSameInstant(OfficeTime.ZONE).toLocalDate();
    }

    /**
     * Runs writes that make occurrences hold their times, in a savepoint: when the database's
     * exclusion constraint refuses one (a booking made at the same moment), the transaction can
     * still name every occurrence that now overlaps, and nothing of the series is kept.
     */
    private void holdingSlots(List<SeriesRepository.Slot> slots, Set<UUID> except, Runnable write) {
        try {
            savepoint.executeWithoutResult(status -> write.run());
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql)
                    || !EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            List<SeriesConflict> conflicts = series.conflicts(slots, except);
            if (conflicts.isEmpty()) {
                throw e;
            }
            log.info("series refused: {} occurrence(s) overlap appointments booked meanwhile", conflicts.size());
            throw AppointmentException.seriesOverlap(conflicts);
        }
    }

    private static void requireOffice() {
        Role role = ActorContext.current().map(Actor::role).orElse(null);
        if (role != Role.VP && role != Role.SECRETARY) {
            throw AppointmentException.forbidden();
        }
    }
}
