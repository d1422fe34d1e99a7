package sr.gov.vpflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables: its SQL (text in its classes) names its own tables and the read
 * views other modules publish for it (V1_0_72), never another module's table. Governance, which
 * validates the whole database as its owner, is the exception by its nature.
 */
class ModuleTablesTest {

    /** Every table and view of the schema, with the module that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("flyway_schema_history", "platform"),
            Map.entry("login_settings", "platform"),
            Map.entry("history_window", "platform"),
            Map.entry("access_tokens", "platform"),
            Map.entry("spring_session", "platform"),
            Map.entry("spring_session_attributes", "platform"),
            Map.entry("users", "users"),
            Map.entry("account_activations", "users"),
            Map.entry("account_requests", "users"),
            Map.entry("passkeys", "users"),
            Map.entry("recovery_codes", "users"),
            Map.entry("second_factors", "users"),
            Map.entry("sign_in_sources", "users"),
            Map.entry("audit_logs", "audit"),
            Map.entry("audit_chain_head", "audit"),
            Map.entry("audit_event_types", "audit"),
            Map.entry("guests", "guests"),
            Map.entry("appointments", "appointments"),
            Map.entry("appointment_series", "appointments"),
            Map.entry("cases", "cases"),
            Map.entry("case_reference_counters", "cases"),
            Map.entry("case_state_transitions", "cases"),
            Map.entry("documents", "documents"),
            Map.entry("document_texts", "documents"),
            Map.entry("document_links", "documents"),
            Map.entry("case_notes", "cases"),
            Map.entry("holidays", "holidays"),
            Map.entry("mail_outbox", "mail"),
            Map.entry("mail_daily_rounds", "mail"),
            Map.entry("mail_preferences", "mail"));

    /** The read views a module publishes for the others. */
    static final Map<String, String> PUBLISHED = Map.of(
            "user_names", "users",
            "guest_names", "guests",
            "appointment_summaries", "appointments",
            "case_summaries", "cases");

    private static final Pattern NAMED = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_]+)");
    /** A table chosen in code ({@code case GUEST -> "guests";}) and put into the SQL. */
    private static final Pattern LITERAL = Pattern.compile("->\\s*\"([a-z_]+)\"");

    private static final Path SOURCES = Path.of("src/main/java/sr/gov/vpflow");

    @Test
    void everyTableAndViewOfTheSchemaHasAnOwningModule() throws IOException {
        Set<String> made = new TreeSet<>();
        Pattern created = Pattern.compile("CREATE (?:TABLE|VIEW)(?: IF NOT EXISTS)? ([a-z_]+)");
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path script : scripts.toList()) {
                Matcher m = created.matcher(Files.readString(script));
                while (m.find()) {
                    made.add(m.group(1));
                }
            }
        }
        assertThat(made).isNotEmpty();
        for (String name : made) {
            assertThat(OWNERS.containsKey(name) || PUBLISHED.containsKey(name))
                    .as("%s has no owning module in ModuleTablesTest.OWNERS", name)
                    .isTrue();
        }
    }

    @Test
    void noModuleNamesATableOfAnother() throws IOException {
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> modules = Files.list(SOURCES)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                String name = module.getFileName().toString();
                if (name.equals("governance")) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(module)) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        trespasses.addAll(trespasses(name, file));
                    }
                }
            }
        }
        assertThat(trespasses).isEmpty();
    }

    @Test
    void theCheckFindsATableOfAnotherModule() throws IOException {
        Path sample = Files.createTempFile("CaseRepository", ".java");
        Files.writeString(
                sample,
                "String sql = \"SELECT c.id, g.full_name FROM cases c LEFT JOIN guests g ON g.id = c.guest_id\";");
        assertThat(trespasses("cases", sample)).singleElement().asString().contains("guests");
        Files.writeString(sample, "String sql = \"SELECT g.full_name FROM cases c JOIN guest_names g ON true\";");
        assertThat(trespasses("cases", sample)).isEmpty();
        Files.writeString(sample, "String table = switch (type) { case GUEST -> \"guests\"; default -> \"x\"; };");
        assertThat(trespasses("documents", sample)).singleElement().asString().contains("guests");
        Files.delete(sample);
    }

    private static List<String> trespasses(String module, Path file) throws IOException {
        String code = Files.readString(file);
        List<String> found = new ArrayList<>();
        for (Pattern pattern : List.of(NAMED, LITERAL)) {
            Matcher m = pattern.matcher(code);
            while (m.find()) {
                String table = m.group(1);
                String owner = OWNERS.get(table);
                if (owner != null && !owner.equals(module)) {
                    found.add(file.getFileName() + " names " + table + " of " + owner);
                }
            }
        }
        return found;
    }
}
