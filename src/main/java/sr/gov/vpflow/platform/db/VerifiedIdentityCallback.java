package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After each migration, in its transaction: the objects that a governed plan made the v1.0 way
 * (grants and policies of the office roles) are given their verified-identity form at once
 * (V1_0_60, {@code apply_verified_identity()}), since a migration that has landed is never
 * edited. Before V1_0_60 there is nothing to do. Likewise their records' stamps are given the
 * office's time (V1_0_77, {@code apply_office_time()}).
 */
final class VerifiedIdentityCallback implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            apply(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot give the new objects their verified-identity rights: " + e.getMessage(), e);
        }
    }

    /** Also for a restore, which makes the schema again from the migrations' scripts. */
    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String function : new String[] {"apply_verified_identity", "apply_office_time"}) {
                boolean present;
                try (ResultSet rs = st.executeQuery(
                        "SELECT to_regprocedure('" + OwnerDatabase.SCHEMA + "." + function + "()') IS NOT NULL")) {
                    rs.next();
                    present = rs.getBoolean(1);
                }
                if (present) {
                    st.execute("SELECT " + OwnerDatabase.SCHEMA + "." + function + "()");
                }
            }
        }
    }

    @Override
    public String getCallbackName() {
        return "verified-identity";
    }
}
