package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import sr.gov.vpflow.platform.Actor;

/**
 * The one way a transaction takes on an actor: it presents the actor's token to the database
 * ({@code vpflow.act}), which verifies it and from then on learns the acting user and role from
 * it alone, in every policy, trigger and default, on every statement. Used by the application's
 * transaction manager and by the governance tools that check the database through the same door
 * the application uses. The token travels as a bound parameter, so no statement text (as
 * pg_stat_activity shows it) ever holds it.
 */
public final class ActingUser {

    /** The SQLSTATE of a token the database no longer accepts. */
    public static final String REFUSED = "VPF10";

    private ActingUser() {}

    /**
     * Must run inside a transaction (auto-commit off): the token is presented for this transaction
     * only. Throws an SQLException with state {@link #REFUSED} when the token proves nobody.
     */
    public static void begin(Connection con, Actor actor) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT user_id FROM vpflow.act(?, ?)")) {
            ps.setString(1, actor.token().value());
            ps.setString(2, actor.channel());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the actor presented no token", REFUSED);
                }
            }
        }
    }

    /** Back to presenting nothing within the same transaction: no table is reachable then. */
    public static void end(Connection con) throws SQLException {
        try (Statement st = con.createStatement()) {
            st.execute("SELECT set_config('vpflow.token', '', true), set_config('vpflow.channel', '', true)");
        }
    }

    /** Whether an exception, or one of its causes, is the database refusing a token. */
    public static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && REFUSED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
