package sr.gov.vpflow.mail;

/** How many messages are in a state, and how many of them were retried. */
public record QueueCount(String state, long messages, long retrying) {}
