package sr.gov.vpflow.users;

/**
 * What an account change did: {@code request} is set when the change touches the Vice
 * President's power and was filed for another Vice President's approval instead of done.
 */
public record AccountChange(UserView user, AccountRequestView request) {

    public boolean requested() {
        return request != null;
    }
}
