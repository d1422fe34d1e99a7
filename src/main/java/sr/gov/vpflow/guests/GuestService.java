package sr.gov.vpflow.guests;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;

/**
 * The guests of the office, for the Vice President and the secretaries. Other modules use
 * {@link #find}, {@link #findAll} and {@link #requireBookable} to refer to a guest by id.
 */
@Service
public class GuestService {

    private static final Logger log = LoggerFactory.getLogger(GuestService.class);
    private static final int MAX_TERMS = 5;
    private static final int MAX_QUERY = 200;

    private final GuestRepository guests;
    private final AuditLog audit;

    GuestService(GuestRepository guests, AuditLog audit) {
        this.guests = guests;
        this.audit = audit;
    }

    @Transactional
    public GuestView create(NewGuest request) {
        requireOffice();
        GuestFields.Values values = GuestFields.Values.of(request);
        UUID id = guests.insert(values);
        audit.record(AuditEvent.of("guest_created", "guest", id)
                .with("changes", values.changesFrom(null).asMap()));
        log.info("guest {} created", id);
        return guests.find(id).orElseThrow();
    }

    /** Applies an edit made against the version the editor read; an edit that changes nothing is no event. */
    @Transactional
    public GuestView update(UUID id, GuestEdit edit) {
        requireOffice();
        GuestView current = guests.lock(id).orElseThrow(GuestException::notFound);
        if (edit.version() == null) {
            throw GuestException.versionRequired();
        }
        if (edit.version() != current.version()) {
            throw GuestException.staleVersion(current.version());
        }
        if (current.isArchived()) {
            throw GuestException.archived();
        }
        GuestFields.Values values = GuestFields.Values.edited(current, edit);
        Changes changes = values.changesFrom(current);
        if (changes.isEmpty()) {
            return current;
        }
        guests.update(id, values);
        audit.record(AuditEvent.of("guest_updated", "guest", id).with("changes", changes.asMap()));
        log.info("guest {} updated", id);
        return guests.find(id).orElseThrow();
    }

    /** Archives a guest: kept with all history, but no longer found by default nor bookable. */
    @Transactional
    public GuestView archive(UUID id, Integer version, String reason) {
        requireOffice();
        GuestView current = guests.lock(id).orElseThrow(GuestException::notFound);
        if (version != null && version != current.version()) {
            throw GuestException.staleVersion(current.version());
        }
        if (current.isArchived()) {
            throw GuestException.archived();
        }
        FieldErrors errors = new FieldErrors(GuestFields.LABELS);
        String why = errors.text("reason", reason, 1000);
        errors.throwIfAny();
        guests.archive(id);
        GuestView archived = guests.find(id).orElseThrow();
        AuditEvent event = AuditEvent.of("guest_archived", "guest", id)
                .with(
                        "changes",
                        new Changes()
                                .compare("archived_at", null, archived.archivedAt())
                                .asMap());
        audit.record(why == null ? event : event.with("reason", why));
        log.info("guest {} archived", id);
        return archived;
    }

    @Transactional(readOnly = true)
    public Optional<GuestView> find(UUID id) {
        requireOffice();
        return guests.find(id);
    }

    @Transactional(readOnly = true)
    public GuestView get(UUID id) {
        return find(id).orElseThrow(GuestException::notFound);
    }

    /** The guests with these ids that the caller may see, by id: one query for a whole agenda. */
    @Transactional(readOnly = true)
    public Map<UUID, GuestView> findAll(Collection<UUID> ids) {
        requireOffice();
        return guests.findAll(ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(GuestView::id, Function.identity()));
    }

    /**
     * The guest a new appointment or case names: it must exist, be visible and not be archived.
     * Refuses with {@code guest_not_found} (404) or {@code guest_archived} (409).
     */
    @Transactional(readOnly = true)
    public GuestView requireBookable(UUID id) {
        requireOffice();
        if (id == null) {
            throw FieldErrors.one(GuestFields.LABELS, "guest_id", "required");
        }
        GuestView guest = guests.find(id).orElseThrow(GuestException::referenceNotFound);
        if (guest.isArchived()) {
            throw GuestException.archived();
        }
        return guest;
    }

    /**
     * Guests whose name or organisation contains every word of {@code query}, without regard to
     * accents or case ("sewdien" finds "Séwdien"), ordered by name.
     */
    @Transactional(readOnly = true)
    public Page<GuestView> search(String query, boolean includeArchived, String cursor, int limit) {
        requireOffice();
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) {
            throw ProblemException.badRequest(
                            "invalid_parameter", "The search 'q' may have at most " + MAX_QUERY + " characters.")
                    .with("parameter", "q");
        }
        List<String> terms = Arrays.stream(q.split("\\s+"))
                .filter(t -> !t.isEmpty())
                .limit(MAX_TERMS)
                .toList();
        UUID after = afterCursor(cursor);
        return Page.of(guests.search(terms, includeArchived, after, limit + 1), limit, g -> g.id().toString());
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

    /** Guests are office content: the administrator sees none of it (the database refuses too). */
    private static void requireOffice() {
        Role role = ActorContext.current().map(Actor::role).orElse(null);
        if (role != Role.VP && role != Role.SECRETARY) {
            throw GuestException.forbidden();
        }
    }
}
