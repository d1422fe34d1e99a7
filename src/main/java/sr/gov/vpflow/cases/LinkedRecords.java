package sr.gov.vpflow.cases;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The guests and appointments a case can refer to, read from the tables the guests and
 * appointments modules publish as read models: {@code guests (id, full_name, organisation,
 * archived_at)} and {@code appointments (id, guest_id, subject, starts_at)}. Read only.
 */
@Repository
class LinkedRecords {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private final JdbcClient jdbc;

    LinkedRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record GuestRef(UUID id, String fullName, String organisation) {
        /** How the audit log names the guest: the name as it was, with the organisation. */
        String label() {
            return organisation == null || organisation.isBlank() ? fullName : fullName + " (" + organisation + ")";
        }
    }

    record AppointmentRef(UUID id, UUID guestId, String subject, OffsetDateTime startsAt, String guestFullName) {
        String label() {
            return subject + ", " + WHEN.format(OfficeTime.inOffice(startsAt));
        }
    }

    Optional<GuestRef> guest(UUID id) {
        return jdbc.sql("SELECT id, full_name, organisation FROM guest_names WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new GuestRef(
                        rs.getObject("id", UUID.class), rs.getString("full_name"), rs.getString("organisation")))
                .optional();
    }

    Optional<AppointmentRef> appointment(UUID id) {
        return jdbc.sql(APPOINTMENTS + " WHERE a.id = :id")
                .param("id", id)
                .query(LinkedRecords::appointment)
                .optional();
    }

    /** Guests to choose from on a form: those not archived, and the one already chosen. */
    List<GuestRef> guestChoices(UUID selected) {
        return jdbc.sql("""
                        SELECT id, full_name, organisation FROM guest_names
                        WHERE archived_at IS NULL OR id = CAST(:selected AS uuid)
                        ORDER BY search_key(full_name), id
                        LIMIT 1000""")
                .param("selected", selected)
                .query((rs, n) -> new GuestRef(
                        rs.getObject("id", UUID.class), rs.getString("full_name"), rs.getString("organisation")))
                .list();
    }

    /** Appointments to choose from on a form: those of the last 120 days and later, and the one already chosen. */
    List<AppointmentRef> appointmentChoices(UUID selected) {
        return jdbc.sql(APPOINTMENTS + """
                         WHERE a.starts_at >= now() - interval '120 days' OR a.id = CAST(:selected AS uuid)
                         ORDER BY a.starts_at DESC, a.id
                         LIMIT 500""")
                .param("selected", selected)
                .query(LinkedRecords::appointment)
                .list();
    }

    private static final String APPOINTMENTS = """
            SELECT a.id, a.guest_id, a.subject, a.starts_at, g.full_name AS guest_full_name
            FROM appointment_summaries a JOIN guest_names g ON g.id = a.guest_id
            """;

    private static AppointmentRef appointment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AppointmentRef(
                rs.getObject("id", UUID.class),
                rs.getObject("guest_id", UUID.class),
                rs.getString("subject"),
                rs.getObject("starts_at", OffsetDateTime.class),
                rs.getString("guest_full_name"));
    }
}
