package sr.gov.vpflow.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.Nullable;

/**
 * A new or reset account as the administrator gets it back: the account, its activation link
 * (shown once), and, for a Vice President's, the request another Vice President must approve.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountInvitation(
        UserView user,
        @Nullable Activation activation,
        @Nullable AccountRequestView request) {

    public boolean requested() {
        return request != null;
    }
}
