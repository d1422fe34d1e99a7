package sr.gov.vpflow.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/** The notes of cases (v1.2); the database decides who reads a note marked for the Vice President only. */
@Repository
class CaseNoteRepository {

    private static final String VIEW = """
            SELECT n.id, n.case_id, n.body, n.vp_only, n.author_id, u.display_name, n.author_role, n.created_at
            FROM case_notes n LEFT JOIN user_names u ON u.id = n.author_id
            """;

    private final JdbcClient jdbc;

    CaseNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(UUID caseId, String text, boolean vpOnly) {
        return jdbc.sql("INSERT INTO case_notes (case_id, body, vp_only) VALUES (:caseId, :body, :vpOnly) RETURNING id")
                .param("caseId", caseId)
                .param("body", text)
                .param("vpOnly", vpOnly)
                .query(UUID.class)
                .single();
    }

    CaseNote find(UUID id) {
        return jdbc.sql(VIEW + " WHERE n.id = :id")
                .param("id", id)
                .query(CaseNoteRepository::note)
                .single();
    }

    List<CaseNote> of(UUID caseId) {
        return jdbc.sql(VIEW + " WHERE n.case_id = :caseId ORDER BY n.created_at, n.id")
                .param("caseId", caseId)
                .query(CaseNoteRepository::note)
                .list();
    }

    private static CaseNote note(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CaseNote(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                rs.getString(7),
                OfficeTime.inOffice(rs.getObject(8, OffsetDateTime.class)));
    }
}
