package sr.gov.vpflow.mail;

/** A user's new mail preferences; a member left out keeps its value. */
record MailPreferencesChange(String address, Boolean dailyDigest, Boolean dueReminders, String language) {}
