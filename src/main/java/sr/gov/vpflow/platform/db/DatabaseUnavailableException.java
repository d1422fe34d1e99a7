package sr.gov.vpflow.platform.db;

import org.springframework.transaction.TransactionSystemException;

/** The database went away in the middle of a transaction: the request is answered 503, not 500. */
public class DatabaseUnavailableException extends TransactionSystemException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
