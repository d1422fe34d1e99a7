package sr.gov.vpflow.mail;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The acting user's own row of mail_preferences; the database shows nobody another's. */
@Repository
class MailPreferencesRepository {

    private final JdbcClient jdbc;

    MailPreferencesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MailPreferences> own() {
        return jdbc.sql("""
                        SELECT address, daily_digest, due_reminders, language FROM mail_preferences
                        WHERE user_id = current_user_id()""")
                .query((rs, n) -> new MailPreferences(
                        rs.getString("address"),
                        rs.getBoolean("daily_digest"),
                        rs.getBoolean("due_reminders"),
                        rs.getString("language")))
                .optional();
    }

    void save(MailPreferences p) {
        jdbc.sql("""
                        INSERT INTO mail_preferences (address, daily_digest, due_reminders, language)
                        VALUES (:address, :digest, :reminders, :language)
                        ON CONFLICT (user_id) DO UPDATE SET address = excluded.address,
                            daily_digest = excluded.daily_digest, due_reminders = excluded.due_reminders,
                            language = excluded.language""")
                .param("address", p.address())
                .param("digest", p.dailyDigest())
                .param("reminders", p.dueReminders())
                .param("language", p.language())
                .update();
    }
}
