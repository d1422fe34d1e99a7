package sr.gov.vpflow.platform;

/**
 * The database no longer accepts the secret a request presented: the session ended or was
 * revoked, the account was disabled or locked, its password or role changed. The request is
 * answered as unauthenticated (401, or the sign-in page).
 */
public class CredentialsRefusedException extends RuntimeException {

    public CredentialsRefusedException(Throwable cause) {
        super("the database refused the credentials of this request", cause);
    }
}
