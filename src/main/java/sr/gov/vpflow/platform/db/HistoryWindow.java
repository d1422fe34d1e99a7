package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The window in which the demonstration dates its history back (V1_0_77). The owner opens it at
 * start-up in demo mode, on a database without guests, appointments or cases, for
 * {@link #OPEN_FOR} and back to {@link #REACHES_BACK}; at any other start it is closed. Within an
 * open window a transaction of the demo names its moment ({@link #backDate}), and the database
 * stamps its records and audit events with it.
 */
@Component
public class HistoryWindow {

    static final Duration OPEN_FOR = Duration.ofMinutes(30);
    public static final Duration REACHES_BACK = Duration.ofDays(100);
    private static final Logger log = LoggerFactory.getLogger(HistoryWindow.class);

    private final JdbcClient jdbc;

    public HistoryWindow(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the window for the demo on an empty office, or closes it; on an owner connection. */
    static void prepare(DataSource owner, boolean demo) {
        try (Connection c = owner.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE vpflow.history_window
                        SET open_until = CASE WHEN open THEN now() + make_interval(secs => ?) END,
                            earliest = CASE WHEN open THEN now() - make_interval(secs => ?) END
                        FROM (SELECT ? AND NOT EXISTS (SELECT FROM vpflow.guests)
                                     AND NOT EXISTS (SELECT FROM vpflow.appointments)
                                     AND NOT EXISTS (SELECT FROM vpflow.cases) AS open) w
                        WHERE singleton AND (open OR open_until IS NOT NULL)
                        RETURNING open, open_until""")) {
            ps.setLong(1, OPEN_FOR.toSeconds());
            ps.setLong(2, REACHES_BACK.toSeconds());
            ps.setBoolean(3, demo);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (rs.getBoolean(1)) {
                        log.info(
                                "history window open until {}: the demo dates its records back up to {} days",
                                rs.getObject(2, java.time.OffsetDateTime.class),
                                REACHES_BACK.toDays());
                    } else {
                        log.info("history window closed");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the history window: " + e.getMessage(), e);
        }
    }

    /** Dates the current transaction's records and audit events at {@code moment}. */
    public void backDate(Instant moment) {
        jdbc.sql("SELECT vpflow.back_date(:at)")
                .param("at", java.sql.Timestamp.from(moment))
                .query()
                .singleValue();
    }

    /** Closes the window, in the current transaction; true when it was open. */
    public boolean close() {
        return Boolean.TRUE.equals(jdbc.sql("SELECT vpflow.close_history_window()")
                .query(Boolean.class)
                .single());
    }
}
