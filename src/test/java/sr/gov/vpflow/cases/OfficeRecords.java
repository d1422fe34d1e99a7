package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guests and appointments for the case tests, made by the owner: this module only reads those
 * tables, so its tests arrange them directly.
 */
final class OfficeRecords {

    /** The members of a case in the API, no more and no fewer. */
    static final String[] CASE_FIELDS = {
        "id",
        "reference",
        "title",
        "description",
        "priority",
        "due_date",
        "state",
        "resolution",
        "guest_id",
        "guest",
        "appointment_id",
        "appointment",
        "closed_at",
        "closed_by",
        "closed_by_display_name",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "version",
        "for_decision"
    };

    private final JdbcClient owner;

    OfficeRecords(JdbcClient owner) {
        this.owner = owner;
    }

    UUID guest(String fullName, String organisation) {
        return owner.sql("INSERT INTO guests (full_name, organisation) VALUES (:n, :o) RETURNING id")
                .param("n", fullName)
                .param("o", organisation)
                .query(UUID.class)
                .single();
    }

    /** A requested appointment (never in the way of the no-overlap rule for active ones). */
    UUID appointment(UUID guest, String subject) {
        return owner.sql("""
                        INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)
                        VALUES (:g, :s, now() + interval '2 days', now() + interval '2 days 1 hour', 'requested')
                        RETURNING id""")
                .param("g", guest)
                .param("s", subject)
                .query(UUID.class)
                .single();
    }

    long events(String type, UUID caseId) {
        return owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = :t AND entity_type = 'case'"
                        + " AND entity_id = :id")
                .param("t", type)
                .param("id", caseId)
                .query(Long.class)
                .single();
    }

    long allEvents(UUID caseId) {
        return owner.sql("SELECT count(*) FROM audit_logs WHERE entity_type = 'case' AND entity_id = :id")
                .param("id", caseId)
                .query(Long.class)
                .single();
    }

    long casesTitled(String title) {
        return owner.sql("SELECT count(*) FROM cases WHERE title = :t")
                .param("t", title)
                .query(Long.class)
                .single();
    }

    /** A column of a case as stored, as text (null when empty). */
    String column(UUID caseId, String column) {
        List<String> values = owner.sql("SELECT " + column + "::text FROM cases WHERE id = :id")
                .param("id", caseId)
                .query(String.class)
                .list();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
