package sr.gov.vpflow.platform.db;

/**
 * Names this process's database sessions {@code vpflow-<purpose>-<pid>}, so that a tool can tell
 * its own sessions from those of a server or another command (pg_stat_activity.application_name).
 */
public final class ProcessNames {

    private static final String SUFFIX = "-" + ProcessHandle.current().pid();

    private ProcessNames() {}

    public static String of(String purpose) {
        String clean = purpose.replaceAll("[^a-z0-9-]", "");
        return "vpflow-" + (clean.isEmpty() ? "app" : clean) + SUFFIX;
    }

    /** Whether a session of that application name was opened by this process. */
    public static boolean ours(String applicationName) {
        return applicationName != null && applicationName.startsWith("vpflow-") && applicationName.endsWith(SUFFIX);
    }
}
