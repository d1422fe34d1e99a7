package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.DefaultTransactionStatus;
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

    /**
     * A rollback on a connection that died with the database (after a failed statement or a failed
     * commit) fails too, without saying why; it is reported as the database being unavailable.
     */
    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (TransactionException e) {
            if (connectionGone(status)) {
                throw new DatabaseUnavailableException("the connection to the database was lost", e);
            }
            throw e;
        }
    }

    private static boolean connectionGone(DefaultTransactionStatus status) {
        if (!(status.getTransaction() instanceof JdbcTransactionObjectSupport tx) || !tx.hasConnectionHolder()) {
            return false;
        }
        Connection con = tx.getConnectionHolder().getConnection();
        try {
            return con.isClosed() || !con.isValid(1);
        } catch (SQLException e) {
            return true;
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
