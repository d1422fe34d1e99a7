package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * The database checks passwords, locks accounts and ends idle sessions itself; at every start the
 * owner gives it the configured limits (the table login_settings, which no request reaches) and
 * removes the tokens that can prove nobody any more.
 */
final class LoginSettings {

    private static final Logger log = LoggerFactory.getLogger(LoginSettings.class);

    private LoginSettings() {}

    static void write(DataSource owner, VpFlowProperties.Login login, boolean demo) {
        try (Connection c = owner.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE vpflow.login_settings SET bcrypt_cost = ?, max_failures = ?, first_lock_seconds = ?,
                            max_lock_seconds = ?, session_idle_seconds = ?, session_max_seconds = ?,
                            require_second_factor = ?
                        WHERE singleton""");
                PreparedStatement purge = c.prepareStatement("SELECT vpflow.purge_access_tokens()")) {
            ps.setInt(1, login.bcryptStrength());
            ps.setInt(2, login.maxFailures());
            ps.setInt(3, login.firstLockSeconds());
            ps.setInt(4, login.maxLockSeconds());
            ps.setInt(5, login.sessionIdleMinutes() * 60);
            ps.setInt(6, login.sessionMaxHours() * 3600);
            // demo mode shows the office without an authenticator app
            ps.setBoolean(7, login.requireSecondFactor() && !demo);
            ps.executeUpdate();
            try (ResultSet rs = purge.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    log.info("removed {} tokens that had ended", rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the database its sign-in settings: " + e.getMessage(), e);
        }
    }
}
