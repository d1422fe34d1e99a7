package sr.gov.vpflow.users;

/** How many accounts need the administrator: disabled, awaiting activation, locked after failed sign-ins. */
public record AccountsAtAGlance(int accounts, int disabled, int awaitingActivation, int locked) {}
