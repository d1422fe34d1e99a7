package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.CredentialsRefusedException;

/**
 * Begins every transaction as the acting user: the actor's token is presented to the database,
 * which verifies it (ActingUser). The proof ends with the transaction, so a pooled connection
 * never carries one user's rights into another's work. Without an actor the transaction presents
 * nothing and can touch no VP-Flow table; with a token the database no longer accepts (the user
 * was disabled, the session revoked) it does not begin at all.
 */
final class ActorTransactionManager extends JdbcTransactionManager {

    ActorTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        try {
            super.doBegin(transaction, definition);
        } catch (CannotCreateTransactionException e) {
            if (ActingUser.refused(e)) {
                throw new CredentialsRefusedException(e);
            }
            throw e;
        }
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
