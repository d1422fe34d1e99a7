package sr.gov.vpflow.users;

/** The request to create an account. {@code role} is the role's code: vp, secretary or admin. */
public record NewUser(String username, String displayName, String role, String password) {}
