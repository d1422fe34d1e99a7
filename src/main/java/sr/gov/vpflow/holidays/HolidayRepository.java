package sr.gov.vpflow.holidays;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The holidays table (v1.2): only those in force are read; a removed one stays as a record. */
@Repository
class HolidayRepository {

    private final JdbcClient jdbc;

    HolidayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Holiday> between(LocalDate first, LocalDate last) {
        return jdbc.sql("""
                        SELECT id, day, name_nl, name_en FROM holidays
                        WHERE removed_at IS NULL AND day BETWEEN :first AND :last ORDER BY day""")
                .param("first", first)
                .param("last", last)
                .query(HolidayRepository::holiday)
                .list();
    }

    Optional<Holiday> find(UUID id) {
        return jdbc.sql("SELECT id, day, name_nl, name_en FROM holidays WHERE id = :id AND removed_at IS NULL")
                .param("id", id)
                .query(HolidayRepository::holiday)
                .optional();
    }

    boolean inForceOn(LocalDate day) {
        return jdbc.sql("SELECT EXISTS (SELECT FROM holidays WHERE day = :day AND removed_at IS NULL)")
                .param("day", day)
                .query(Boolean.class)
                .single();
    }

    UUID insert(LocalDate day, String nameNl, String nameEn) {
        return jdbc.sql("INSERT INTO holidays (day, name_nl, name_en) VALUES (:day, :nl, :en) RETURNING id")
                .param("day", day)
                .param("nl", nameNl)
                .param("en", nameEn)
                .query(UUID.class)
                .single();
    }

    boolean remove(UUID id) {
        return jdbc.sql("UPDATE holidays SET removed_at = now() WHERE id = :id AND removed_at IS NULL")
                        .param("id", id)
                        .update()
                == 1;
    }

    private static Holiday holiday(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Holiday(
                rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4));
    }
}
