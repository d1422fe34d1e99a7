package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL must do for "committed" to mean "on disk": write and flush the WAL before a
 * commit returns ({@code synchronous_commit}, anything but {@code off}), flush data files
 * ({@code fsync}) and guard against torn pages ({@code full_page_writes}). With any of them off a
 * killed process loses nothing, but a power cut or a kernel crash can lose committed records or
 * corrupt the database. The server refuses such a database unless told otherwise
 * (VPFLOW_ALLOW_UNSAFE_DURABILITY, for tests and benchmarks only), and {@code validate} reports it.
 */
public final class Durability {

    private static final List<String> SETTINGS = List.of("fsync", "full_page_writes", "synchronous_commit");

    private Durability() {}

    /** A setting as a session sees it, and where its value comes from. */
    public record Setting(String name, String value, String source) {

        boolean safe() {
            return name.equals("synchronous_commit") ? !value.equals("off") : value.equals("on");
        }

        @Override
        public String toString() {
            return name + " = " + value + " (" + source + ")";
        }
    }

    /** The durability settings that are off for the session of this connection. */
    public static List<Setting> unsafe(Connection c) throws SQLException {
        List<Setting> unsafe = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, setting, source FROM pg_settings WHERE name = ANY (?) ORDER BY name")) {
            ps.setArray(1, c.createArrayOf("text", SETTINGS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Setting s = new Setting(rs.getString(1), rs.getString(2), rs.getString(3));
                    if (!s.safe()) {
                        unsafe.add(s);
                    }
                }
            }
        }
        return unsafe;
    }
}
