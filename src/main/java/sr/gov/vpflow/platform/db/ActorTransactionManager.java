package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;

/**
 * Begins every transaction as the acting user: {@code SET LOCAL ROLE} to the actor's database
 * role and the actor's id and role as transaction-local settings, which row-level security and
 * the audit trigger read. Both end with the transaction, so a pooled connection never carries
 * one user's rights into another's work. Without an actor the transaction keeps the bare login
 * role, which can touch no VP-Flow table.
 */
final class ActorTransactionManager extends JdbcTransactionManager {

    ActorTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        Actor actor = ActorContext.current().orElse(null);
        if (actor == null) {
            return;
        }
        ActingUser.begin(con, actor);
    }
}
