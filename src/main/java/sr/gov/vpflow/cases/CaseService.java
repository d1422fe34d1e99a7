package sr.gov.vpflow.cases;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.audit.AuditEntry;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.audit.AuditQuery;
import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.cases.LinkedRecords.AppointmentRef;
import sr.gov.vpflow.cases.LinkedRecords.GuestRef;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors.FieldError;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;

/**
 * Opening, editing, moving, closing and (v1.1-A) re-opening cases, each change audited in its own
 * transaction. The database repeats every rule here (grants, row-level security, the state
 * triggers), so these checks are for clear answers, not the last line.
 */
@Service
public class CaseService {

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    static final String ENTITY = "case";

    private final CaseRepository cases;
    private final CaseNoteRepository notes;
    private final LinkedRecords linked;
    private final AuditLog audit;
    private final AuditQuery auditQuery;
    private final SchemaFeatures features;

    CaseService(
            CaseRepository cases,
            CaseNoteRepository notes,
            LinkedRecords linked,
            AuditLog audit,
            AuditQuery auditQuery,
            SchemaFeatures features) {
        this.cases = cases;
        this.notes = notes;
        this.linked = linked;
        this.audit = audit;
        this.auditQuery = auditQuery;
        this.features = features;
    }

    @Transactional
    public CaseView open(OpenCase command) {
        officeOnly();
        CaseDraft draft = CaseDraft.of(command);
        throwIfAny(draft.problems());
        Links links = links(draft, command.guestId() != null, null);
        draft = links.draft();
        UUID id = cases.insert(draft);
        CaseView created = cases.find(id).orElseThrow();
        AuditEvent event = AuditEvent.of("case_created", ENTITY, id)
                .with("reference", created.reference())
                .with("values", draft.initialValues());
        audit.record(withLabels(event, links.labels()));
        log.info("case {} opened as {}", id, created.reference());
        return created;
    }

    @Transactional(readOnly = true)
    public Optional<CaseView> find(UUID id) {
        officeOnly();
        return cases.find(id);
    }

    @Transactional(readOnly = true)
    public CaseView get(UUID id) {
        return find(id).orElseThrow(CaseException::notFound);
    }

    @Transactional(readOnly = true)
    public Page<CaseView> list(CaseFilter filter, String cursor, int limit) {
        officeOnly();
        if (filter.state() == CaseState.REOPENED && !features.isReopening()) {
            // under v1.0 the database has no such state to look for
            throw ProblemException.badRequest("invalid_parameter", "The value of 'state' is not valid.")
                    .with("parameter", "state");
        }
        OffsetDateTime afterCreatedAt = null;
        UUID afterId = null;
        String key = Page.decode(cursor);
        if (key != null) {
            int bar = key.indexOf('|');
            try {
                afterCreatedAt = OffsetDateTime.parse(key.substring(0, Math.max(bar, 0)));
                afterId = UUID.fromString(key.substring(bar + 1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid_cursor", "The cursor is not valid.");
            }
        }
        List<CaseView> rows = cases.list(filter, afterCreatedAt, afterId, limit + 1);
        return Page.of(rows, limit, c -> c.createdAt() + "|" + c.id());
    }

    /**
     * Edits a case made on the version the editor read: the fields and a move between open and
     * in progress. A change of fields is audited as {@code case_updated}, on a re-opened case as
     * {@code case_reopen_edit} with the number of the re-opening ({@code cycle}); a move as
     * {@code case_state_changed}. An edit that changes nothing writes nothing. A re-opened case
     * does not move to open or in progress: it is closed again.
     */
    @Transactional
    public CaseView edit(UUID id, EditCase edit) {
        Role role = officeOnly();
        if (edit.values().get(CaseField.STATE) == CaseState.REOPENED && !features.isReopening()) {
            throw CaseException.invalidFields(List.of(new FieldError("state", "invalid_value", null)));
        }
        CaseView current = get(id);
        if (edit.version() != current.version()) {
            throw CaseException.staleVersion(edit.version(), current.version());
        }
        CaseState from = current.stateValue();
        CaseDraft before = CaseDraft.of(current);
        CaseDraft after = before.with(edit.values());
        if (after.state() != from) {
            from.checkMove(after.state(), role);
            if (after.state() == CaseState.CLOSED) {
                throw CaseException.closeWithTheCloseAction();
            }
            if (after.state() == CaseState.REOPENED) {
                throw CaseException.reopenWithTheReopenAction();
            }
        }
        if (from == CaseState.CLOSED) {
            throw CaseException.closedCase();
        }
        throwIfAny(after.problems());
        Links links = links(after, edit.values().containsKey(CaseField.GUEST_ID), before);
        after = links.draft();
        Map<String, String> labels = new LinkedHashMap<>(links.labels());
        if (current.guest() != null && !current.guestId().equals(after.guestId())) {
            labels.put(current.guestId().toString(), label(current.guest()));
        }
        if (current.appointment() != null && !current.appointmentId().equals(after.appointmentId())) {
            labels.put(current.appointmentId().toString(), label(current.appointment()));
        }

        Map<String, Map<String, Object>> changes = CaseDraft.changes(before, after);
        boolean moved = after.state() != from;
        if (changes.isEmpty() && !moved) {
            return current;
        }
        if (!cases.update(id, edit.version(), after)) {
            // someone else's edit committed between our read and our write
            CaseView now = get(id);
            throw CaseException.staleVersion(edit.version(), now.version());
        }
        if (!changes.isEmpty()) {
            boolean reopened = from == CaseState.REOPENED;
            AuditEvent event = AuditEvent.of(reopened ? "case_reopen_edit" : "case_updated", ENTITY, id)
                    .with("reference", current.reference())
                    .with("changes", changes);
            if (reopened) {
                // the row is ours since the update: no re-opening can come in between
                event = event.with("cycle", reopenings(id));
            }
            audit.record(withLabels(event, labels));
            log.info(
                    "case {} edited{}: {}",
                    id,
                    reopened ? " while re-opened" : "",
                    String.join(", ", changes.keySet()));
        }
        if (moved) {
            audit.record(AuditEvent.of("case_state_changed", ENTITY, id)
                    .with("reference", current.reference())
                    .with(
                            "changes",
                            Map.of(
                                    "state",
                                    Changes.fromTo(from.code(), after.state().code()))));
            log.info(
                    "case {} moved from {} to {}",
                    id,
                    from.code(),
                    after.state().code());
        }
        return get(id);
    }

    /**
     * The Vice President closes a case with a resolution: {@code case_closed}, or for a re-opened
     * case {@code case_reclosed} with the number of the re-opening it ends ({@code cycle}).
     */
    @Transactional
    public CaseView close(UUID id, CloseCase command) {
        Role role = officeOnly();
        CaseView current = get(id);
        CaseState from = current.stateValue();
        from.checkMove(CaseState.CLOSED, role);
        String resolution = CaseDraft.clean(command.resolution());
        if (resolution == null) {
            throw CaseException.resolutionRequired();
        }
        if (CaseDraft.length(resolution) > CaseDraft.TEXT_MAX) {
            throw CaseException.invalidFields(List.of(new FieldError("resolution", "too_long", CaseDraft.TEXT_MAX)));
        }
        int version = command.version() == null ? current.version() : command.version();
        if (version != current.version()) {
            throw CaseException.staleVersion(version, current.version());
        }
        if (!cases.close(id, version, resolution)) {
            throw CaseException.staleVersion(version, get(id).version());
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("state", Changes.fromTo(from.code(), CaseState.CLOSED.code()));
        changes.put("resolution", Changes.fromTo(current.resolution(), resolution));
        boolean reclosing = from == CaseState.REOPENED;
        AuditEvent event = AuditEvent.of(reclosing ? "case_reclosed" : "case_closed", ENTITY, id)
                .with("reference", current.reference())
                .with("changes", changes);
        if (reclosing) {
            long cycle = reopenings(id);
            audit.record(event.with("cycle", cycle));
            log.info("case {} closed again, ending re-opening {}", id, cycle);
        } else {
            audit.record(event);
            log.info("case {} closed", id);
        }
        return get(id);
    }

    /**
     * The Vice President re-opens a closed case, with a reason (v1.1-A): the case is no longer
     * closed and its resolution is taken off (the audit event keeps it), so that it can be edited
     * and then closed again with a new one. Audited as {@code case_reopened} with the reason, the
     * previous resolution and the number of this re-opening ({@code cycle}: 1 for the first), counted
     * under the case's row lock, so that concurrent requests neither both succeed nor share a number.
     */
    @Transactional
    public CaseView reopen(UUID id, ReopenCase command) {
        Role role = officeOnly();
        if (!features.isReopening()) {
            throw CaseException.reopeningNotOffered();
        }
        get(id);
        if (role != Role.VP) {
            throw CaseException.onlyTheVpReopens();
        }
        // a re-opening in progress holds the row; this one waits, then sees the case re-opened
        CaseView current = cases.findForUpdate(id).orElseThrow(CaseException::notFound);
        CaseState from = current.stateValue();
        from.checkMove(CaseState.REOPENED, role);
        String reason = CaseDraft.clean(command.reason());
        if (reason == null) {
            throw CaseException.reasonRequired();
        }
        if (CaseDraft.length(reason) > CaseDraft.TEXT_MAX) {
            throw CaseException.invalidFields(List.of(new FieldError("reason", "too_long", CaseDraft.TEXT_MAX)));
        }
        int version = command.version() == null ? current.version() : command.version();
        if (version != current.version()) {
            throw CaseException.staleVersion(version, current.version());
        }
        long cycle = reopenings(id) + 1;
        if (!cases.reopen(id, version)) {
            throw CaseException.staleVersion(version, get(id).version());
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("state", Changes.fromTo(from.code(), CaseState.REOPENED.code()));
        changes.put("resolution", Changes.fromTo(current.resolution(), null));
        audit.record(AuditEvent.of("case_reopened", ENTITY, id)
                .with("reference", current.reference())
                .with("cycle", cycle)
                .with("reason", reason)
                .with("previous_resolution", current.resolution())
                .with("changes", changes));
        log.info("case {} re-opened, re-opening {}", id, cycle);
        return get(id);
    }

    /**
     * Adds a note to a case in any state, closed included (v1.2): the case itself does not change.
     * Audited as {@code case_note_added} with the note's text; a note for the Vice President only
     * ({@code vp_only}, his alone to write) is, with its audit event, invisible to the secretaries.
     */
    @Transactional
    public CaseNote addNote(UUID id, NewCaseNote command) {
        Role role = officeOnly();
        if (!features.isOfficeDay()) {
            throw CaseException.officeDayNotOffered();
        }
        CaseView current = get(id);
        boolean vpOnly = Boolean.TRUE.equals(command.vpOnly());
        if (vpOnly && role != Role.VP) {
            throw CaseException.vpOnlyNotesAreTheVps();
        }
        String text = CaseDraft.clean(command.text());
        if (text == null) {
            throw CaseException.invalidFields(List.of(new FieldError("text", "required", null)));
        }
        if (CaseDraft.length(text) > CaseDraft.TEXT_MAX) {
            throw CaseException.invalidFields(List.of(new FieldError("text", "too_long", CaseDraft.TEXT_MAX)));
        }
        UUID noteId = notes.insert(id, text, vpOnly);
        audit.record(AuditEvent.of("case_note_added", ENTITY, id)
                .with("reference", current.reference())
                .with("note_id", noteId.toString())
                .with("vp_only", vpOnly)
                .with("text", text));
        log.info("note {} added to case {}{}", noteId, id, vpOnly ? " (for the Vice President only)" : "");
        return notes.find(noteId);
    }

    /**
     * Cases not closed that are due from {@code from} (null: any day, overdue ones included) to
     * {@code until}, the earliest first.
     */
    @Transactional(readOnly = true)
    public List<CaseView> due(java.time.LocalDate from, java.time.LocalDate until, int limit) {
        officeOnly();
        return cases.due(from, until, limit);
    }

    /** Re-opened cases, the most recently opened first (none before v1.1-A). */
    @Transactional(readOnly = true)
    public List<CaseView> reopened(int limit) {
        officeOnly();
        return features.isReopening() ? cases.reopened(limit) : List.of();
    }

    /** Cases marked for the Vice President's decision (none before v1.2). */
    @Transactional(readOnly = true)
    public List<CaseView> forDecision(int limit) {
        officeOnly();
        return cases.forDecision(limit);
    }

    /** Whether the database lets the Vice President re-open a closed case (v1.1-A). */
    public boolean reopeningOffered() {
        return features.isReopening();
    }

    /** Whether the database has notes and the mark for decision (v1.2). */
    public boolean notesOffered() {
        return features.isOfficeDay();
    }

    /** The notes of a case the caller may read, oldest first; none before v1.2. */
    @Transactional(readOnly = true)
    public List<CaseNote> notes(UUID id) {
        officeOnly();
        get(id);
        return features.isOfficeDay() ? notes.of(id) : List.of();
    }

    /**
     * A secretary puts a case forward for the Vice President's decision, or the Vice President
     * takes the mark off (v1.2); audited when it changes. Asking for what is so already changes
     * nothing.
     */
    @Transactional
    public CaseView markForDecision(UUID id, boolean marked) {
        Role role = officeOnly();
        if (!features.isOfficeDay()) {
            throw CaseException.officeDayNotOffered();
        }
        CaseView current = get(id);
        if (marked && role != Role.SECRETARY) {
            throw CaseException.onlyASecretaryMarks();
        }
        if (!marked && role != Role.VP) {
            throw CaseException.onlyTheVpClearsTheMark();
        }
        if (marked && current.stateValue() == CaseState.CLOSED) {
            throw CaseException.closedCase();
        }
        boolean changed = cases.markForDecision(id, marked);
        if (!changed && get(id).forDecision() != marked) {
            // closed (or out of sight) between reading and writing: nothing was marked
            throw CaseException.closedCase();
        }
        if (changed) {
            audit.record(AuditEvent.of(marked ? "case_marked_for_decision" : "case_decision_mark_cleared", ENTITY, id)
                    .with("reference", current.reference())
                    .with("changes", Map.of("for_decision", Changes.fromTo(!marked, marked))));
            log.info("case {} {}", id, marked ? "marked for decision" : "no longer marked for decision");
        }
        return get(id);
    }

    /** How often the case has been re-opened; while it is re-opened, the number of this re-opening. */
    private long reopenings(UUID id) {
        return auditQuery.count(ENTITY, id, "case_reopened");
    }

    /**
     * The audit events of a case, oldest first, with (v1.1-A) those of the documents linked to it
     * that the caller may see.
     */
    @Transactional(readOnly = true)
    public Page<AuditEntry> history(UUID id, String cursor, int limit) {
        get(id);
        return auditQuery.timeline(ENTITY, id, cursor, limit);
    }

    /** The whole history of a case, oldest first, as {@link #history(UUID, String, int)}. */
    @Transactional(readOnly = true)
    public List<AuditEntry> history(UUID id) {
        get(id);
        return auditQuery.timeline(ENTITY, id);
    }

    /**
     * Checks that guest and appointment exist for the caller, and keeps a case with an
     * appointment on that appointment's guest: taken over when the guest was not named, refused
     * when another guest was. Returns the draft to store and the names of the records linked, for
     * the audit log.
     */
    private Links links(CaseDraft draft, boolean guestNamed, CaseDraft before) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (draft.appointmentId() != null
                && (before == null || !draft.appointmentId().equals(before.appointmentId()) || guestNamed)) {
            AppointmentRef appointment =
                    linked.appointment(draft.appointmentId()).orElseThrow(CaseException::appointmentNotFound);
            if (guestNamed && draft.guestId() != null && !draft.guestId().equals(appointment.guestId())) {
                throw CaseException.invalidFields(List.of(new FieldError("guest_id", "guest_mismatch", null)));
            }
            draft = draft.withGuest(appointment.guestId());
            labels.put(appointment.id().toString(), appointment.label());
        }
        if (draft.guestId() != null && (before == null || !draft.guestId().equals(before.guestId()))) {
            GuestRef guest = linked.guest(draft.guestId()).orElseThrow(CaseException::guestNotFound);
            labels.put(guest.id().toString(), guest.label());
        }
        return new Links(draft, labels);
    }

    private record Links(CaseDraft draft, Map<String, String> labels) {}

    private static String label(CaseView.Guest guest) {
        return new GuestRef(guest.id(), guest.fullName(), guest.organisation()).label();
    }

    private static String label(CaseView.Appointment appointment) {
        return new AppointmentRef(appointment.id(), null, appointment.subject(), appointment.startsAt(), null).label();
    }

    /** Names of the guests and appointments an event refers to by id, as they were at the time. */
    private AuditEvent withLabels(AuditEvent event, Map<String, String> labels) {
        return labels.isEmpty() ? event : event.with("labels", labels);
    }

    private static void throwIfAny(List<FieldError> problems) {
        if (!problems.isEmpty()) {
            throw CaseException.invalidFields(new ArrayList<>(problems));
        }
    }

    /** Cases are the office's work: the Vice President's and the secretaries'; the operator sees none. */
    static Role officeOnly() {
        Role role = ActorContext.current().map(a -> a.role()).orElse(null);
        if (role != Role.VP && role != Role.SECRETARY) {
            throw CaseException.officeOnly();
        }
        return role;
    }
}
