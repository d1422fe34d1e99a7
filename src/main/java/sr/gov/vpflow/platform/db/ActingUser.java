package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import sr.gov.vpflow.platform.Actor;

/**
 * The one way a transaction takes on an actor: {@code SET LOCAL ROLE} to the actor's database role
 * and the actor's id, role and channel as transaction-local settings, which row-level security and
 * the audit trigger read. Used by the application's transaction manager and by the governance
 * tools that check the database through the same door the application uses.
 */
public final class ActingUser {

    private ActingUser() {}

    /** Must run inside a transaction (auto-commit off): everything it sets ends with the transaction. */
    public static void begin(Connection con, Actor actor) throws SQLException {
        // every value here is typed (enum names, a UUID), so it is safe to write into the statement
        String userId = actor.userId() == null ? "" : actor.userId().toString();
        try (Statement st = con.createStatement()) {
            st.execute("SET LOCAL ROLE " + actor.databaseRole() + ";"
                    + " SELECT set_config('vpflow.user_id', '" + userId + "', true),"
                    + " set_config('vpflow.role', '" + actor.auditRole() + "', true),"
                    + " set_config('vpflow.channel', '" + channel(actor.channel()) + "', true)");
        }
    }

    /** Back to the bare login role within the same transaction. */
    public static void end(Connection con) throws SQLException {
        try (Statement st = con.createStatement()) {
            st.execute("RESET ROLE;"
                    + " SELECT set_config('vpflow.user_id', '', true), set_config('vpflow.role', '', true),"
                    + " set_config('vpflow.channel', '', true)");
        }
    }

    private static String channel(String channel) {
        return channel.matches("[a-z]{1,16}") ? channel : "other";
    }
}
