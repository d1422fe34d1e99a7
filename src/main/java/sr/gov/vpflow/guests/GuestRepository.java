package sr.gov.vpflow.guests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SearchTerms;

@Repository
class GuestRepository {

    private static final String COLUMNS = "id, full_name, honorific, organisation, position, email, phone, notes,"
            + " archived_at, created_at, updated_at, version";

    /** The text a search looks in: name and organisation, without accents, in lower case (indexed). */
    private static final String SEARCH_TEXT = "(search_key(full_name) || ' ' || search_key(organisation))";

    private final JdbcClient jdbc;

    GuestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(GuestFields.Values g) {
        return jdbc.sql("""
                        INSERT INTO guests (full_name, honorific, organisation, position, email, phone, notes)
                        VALUES (:fullName, :honorific, :organisation, :position, :email, :phone, :notes)
                        RETURNING id""").paramSource(g).query(UUID.class).single();
    }

    Optional<GuestView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guests WHERE id = :id")
                .param("id", id)
                .query(GuestRepository::view)
                .optional();
    }

    /** The guest, locked until the end of the transaction so that an edit compares with what it replaces. */
    Optional<GuestView> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guests WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(GuestRepository::view)
                .optional();
    }

    List<GuestView> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM guests WHERE id IN (:ids)")
                .param("ids", ids)
                .query(GuestRepository::view)
                .list();
    }

    void update(UUID id, GuestFields.Values g) {
        jdbc.sql("""
                        UPDATE guests SET full_name = :fullName, honorific = :honorific, organisation = :organisation,
                            position = :position, email = :email, phone = :phone, notes = :notes
                        WHERE id = :id""")
                .param("id", id)
                .param("fullName", g.fullName())
                .param("honorific", g.honorific())
                .param("organisation", g.organisation())
                .param("position", g.position())
                .param("email", g.email())
                .param("phone", g.phone())
                .param("notes", g.notes())
                .update();
    }

    void archive(UUID id) {
        jdbc.sql("UPDATE guests SET archived_at = office_now(), archived_by = current_user_id() WHERE id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Guests whose name or organisation contains every term, ignoring accents and case, in the
     * order of their names; {@code after} is the last guest of the previous page.
     */
    List<GuestView> search(List<String> terms, boolean includeArchived, UUID after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM guests WHERE true");
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" AND " + SEARCH_TEXT + " LIKE '%' || " + SearchTerms.likeTerm("term" + i) + " || '%'");
        }
        if (!includeArchived) {
            sql.append(" AND archived_at IS NULL");
        }
        if (after != null) {
            sql.append(" AND (search_key(full_name), id) >"
                    + " (SELECT search_key(a.full_name), a.id FROM guests a WHERE a.id = :afterId)");
        }
        sql.append(" ORDER BY search_key(full_name), id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        for (int i = 0; i < terms.size(); i++) {
            statement = statement.param("term" + i, terms.get(i));
        }
        if (after != null) {
            statement = statement.param("afterId", after);
        }
        return statement.query(GuestRepository::view).list();
    }

    private static GuestView view(ResultSet rs, int n) throws SQLException {
        return new GuestView(
                rs.getObject("id", UUID.class),
                rs.getString("full_name"),
                rs.getString("honorific"),
                rs.getString("organisation"),
                rs.getString("position"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("notes"),
                OfficeTime.inOffice(rs.getObject("archived_at", OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject("created_at", OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject("updated_at", OffsetDateTime.class)),
                rs.getInt("version"));
    }
}
