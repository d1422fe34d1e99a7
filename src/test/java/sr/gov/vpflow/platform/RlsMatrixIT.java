package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * Checks every cell of docs/rls-matrix.md against the real database: each probe runs as the
 * application's login role through the application's own transaction set-up, presenting the
 * cell's token (a signed-in account, the secretary's calendar feed, or none at all), and is
 * rolled back.
 */
class RlsMatrixIT extends IntegrationTest {

    static final Path MATRIX = Path.of("docs", "rls-matrix.md");
    static final List<String> ROLES = List.of("vp", "secretary", "admin", "feed", "app");

    private static Fixture fixture;

    static Stream<Arguments> cells() throws IOException {
        return matrixRows().stream().flatMap(row -> {
            List<Arguments> cells = new ArrayList<>();
            for (int i = 0; i < ROLES.size(); i++) {
                cells.add(Arguments.of(row.get(0), row.get(1), ROLES.get(i), row.get(2 + i)));
            }
            return cells.stream();
        });
    }

    /** The rows of the matrix table: table, operation, then one cell per role. */
    static List<List<String>> matrixRows() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean inMatrix = false;
        for (String line : Files.readAllLines(MATRIX)) {
            if (line.startsWith("## ")) {
                inMatrix = line.equals("## The matrix");
                continue;
            }
            if (!inMatrix || !line.startsWith("| ") || line.startsWith("| table") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = Arrays.stream(
                            line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::strip)
                    .toList();
            rows.add(cells);
        }
        return rows;
    }

    @BeforeEach
    void arrange() {
        if (fixture == null) {
            Account vp = accounts.create(Role.VP);
            Account secretary = accounts.create(Role.SECRETARY);
            Account admin = accounts.create(Role.ADMIN);
            Actor theSecretary = accounts.signIn(secretary, "web");
            String feed = ActorContext.callAs(
                    theSecretary,
                    () -> tx.execute(s -> jdbc.sql("SELECT rotate_feed_token()")
                            .query(String.class)
                            .single()));
            fixture = new Fixture(
                    vp,
                    secretary,
                    admin,
                    Map.of(
                            "vp",
                            accounts.signIn(vp, "web"),
                            "secretary",
                            theSecretary,
                            "admin",
                            accounts.signIn(admin, "web"),
                            "feed",
                            new Actor(secretary.id(), Role.SECRETARY, "web", new AccessToken(feed))),
                    owner());
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("cells")
    void cell(String table, String operation, String role, String expected) {
        assertThat(observe(table, operation, role))
                .as("%s %s as %s", table, operation, role)
                .isEqualTo(expected);
    }

    private String observe(String table, String operation, String role) {
        return switch (operation) {
            case "select" -> select(table, role);
            case "insert" -> insert(table, role);
            case "update" -> update(table, role);
            case "delete" -> outcome(role, tableKeyDelete(table));
            default -> throw new IllegalArgumentException(operation);
        };
    }

    // ---- select ----

    private String select(String table, String role) {
        Fixture f = fixture;
        return switch (table) {
            case "users" -> {
                long visible = count(role, "SELECT count(*) FROM users WHERE id = '" + f.otherUser + "'");
                if (visible == 0) {
                    yield "none";
                }
                yield outcome(
                                        role,
                                        j -> j.sql("SELECT password_hash FROM users WHERE id = '" + f.otherUser + "'")
                                                .query(String.class)
                                                .list()
                                                .size())
                                .equals("all")
                        ? "all"
                        : "all without password hash";
            }
            case "guests" -> ratio(count(role, "SELECT count(*) FROM guests WHERE id = '" + f.guest + "'"), 1);
            case "appointments" ->
                ratio(count(role, "SELECT count(*) FROM appointments WHERE id = '" + f.appointment + "'"), 1);
            case "cases" ->
                ratio(
                        count(
                                role,
                                "SELECT count(*) FROM cases WHERE id IN ('" + f.openCase + "', '" + f.closedCase
                                        + "')"),
                        2);
            case "audit_logs" -> auditVisibility(role);
            case "documents" -> {
                boolean vpDoc = count(role, "SELECT count(*) FROM documents WHERE id = '" + f.vpDocument + "'") == 1;
                boolean secDoc =
                        count(role, "SELECT count(*) FROM documents WHERE id = '" + f.secretaryDocument + "'") == 1;
                yield vpDoc && secDoc ? "all" : secDoc ? "secretary documents" : vpDoc ? "vp documents" : "none";
            }
            case "document_links" -> {
                boolean vpLink = count(role, "SELECT count(*) FROM document_links WHERE id = '" + f.vpLink + "'") == 1;
                boolean secLink =
                        count(role, "SELECT count(*) FROM document_links WHERE id = '" + f.secretaryLink + "'") == 1;
                yield vpLink && secLink
                        ? "all"
                        : secLink ? "links of visible documents" : vpLink ? "links of vp documents" : "none";
            }
            // reading it at all is what the matrix forbids: "all" if the statement is allowed
            case "second_factors", "recovery_codes", "passkeys", "sign_in_sources" ->
                outcome(
                        role,
                        j -> j.sql("SELECT count(*) FROM " + table)
                                        .query(Long.class)
                                        .single()
                                + 1);
            case "account_activations" ->
                outcome(
                        role,
                        j -> j.sql("SELECT count(*) FROM account_activations")
                                        .query(Long.class)
                                        .single()
                                + 1);
            case "account_requests" ->
                outcome(
                        role,
                        j -> j.sql("SELECT count(*) FROM account_requests")
                                        .query(Long.class)
                                        .single()
                                + 1);
            default -> ratio(count(role, "SELECT count(*) FROM " + table), f.ownerCount(table));
        };
    }

    private String auditVisibility(String role) {
        Set<String> visible = new LinkedHashSet<>();
        fixture.auditEvents.forEach((category, id) -> {
            if (count(role, "SELECT count(*) FROM audit_logs WHERE id = '" + id + "'") == 1) {
                visible.add(category);
            }
        });
        if (visible.equals(fixture.auditEvents.keySet())) {
            return "all";
        }
        if (visible.isEmpty()) {
            return "none";
        }
        if (visible.equals(Set.of("secretary_account", "guest", "appointment", "case", "document"))) {
            return "own account and visible records";
        }
        if (visible.equals(Set.of("secretary_account", "other_account", "system"))) {
            return "accounts and system";
        }
        return "only " + visible;
    }

    private long count(String role, String sql) {
        Object result = attempt(role, j -> j.sql(sql).query(Long.class).single());
        return result instanceof Long n ? n : 0;
    }

    private static String ratio(long visible, long total) {
        if (total == 0) {
            throw new IllegalStateException("the fixture has no rows to see");
        }
        return visible == total ? "all" : visible == 0 ? "none" : visible + " of " + total;
    }

    // ---- insert ----

    private String insert(String table, String role) {
        Fixture f = fixture;
        if (table.equals("documents")) {
            // the roles without documents of their own try both owner roles
            String ownRole = role.equals("vp") ? "vp" : "secretary";
            String own = outcome(role, j -> j.sql(documentInsert(ownRole)).update());
            String other = outcome(
                    role,
                    j -> j.sql(documentInsert(ownRole.equals("vp") ? "secretary" : "vp"))
                            .update());
            if (own.equals("all") && other.equals("none")) {
                return "own role only";
            }
            return own.equals("none") && other.equals("none") ? "none" : "own " + own + ", other role " + other;
        }
        if (table.equals("document_links")) {
            UUID ownDocument = role.equals("vp") ? f.vpDocument : f.secretaryDocument;
            UUID otherDocument = role.equals("vp") ? f.secretaryDocument : f.vpDocument;
            String own = outcome(
                    role, j -> j.sql(linkInsert(ownDocument, f.openCase)).update());
            String other = outcome(
                    role, j -> j.sql(linkInsert(otherDocument, f.openCase)).update());
            String missing = outcome(
                    role,
                    j -> j.sql(linkInsert(f.secretaryDocument, UUID.randomUUID()))
                            .update());
            if (own.equals("none") && other.equals("none") && missing.equals("none")) {
                return "none";
            }
            boolean rule = own.equals("all")
                    && missing.equals("none")
                    && (role.equals("vp") ? other.equals("all") : other.equals("none"));
            return rule
                    ? "visible documents to existing entities"
                    : "own " + own + ", other " + other + ", missing entity " + missing;
        }
        if (table.equals("users")) {
            String direct = outcome(
                    role,
                    j -> j.sql("INSERT INTO users (username, display_name, role, password_hash) VALUES ('rls-probe-"
                                    + shortId() + "', 'Probe', 'secretary', 'x')")
                            .update());
            String function = outcome(
                    role,
                    j -> j.sql("SELECT create_user('rls-probe-" + shortId() + "', 'Probe', 'secretary', NULL)")
                            .query(UUID.class)
                            .single());
            if (direct.equals("none") && function.equals("all")) {
                return "create_user() only";
            }
            return direct.equals("none") && function.equals("none")
                    ? "none"
                    : "direct " + direct + ", function " + function;
        }
        String sql = switch (table) {
            case "guests" -> "INSERT INTO guests (full_name) VALUES ('RLS probe')";
            case "appointments" ->
                "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('" + f.guest
                        + "', 'probe', now() + interval '3000 days', now() + interval '3000 days 1 hour', 'requested')";
            case "cases" -> "INSERT INTO cases (title) VALUES ('RLS probe')";
            case "case_reference_counters" ->
                "INSERT INTO case_reference_counters (year, last_number) VALUES (1999, 1)";
            case "case_state_transitions" -> "INSERT INTO case_state_transitions VALUES ('open', 'open', false)";
            case "audit_logs" ->
                "INSERT INTO audit_logs (event_type, entity_type, entity_id)" + " VALUES ('guest_updated', 'guest', '"
                        + f.guest + "')";
            case "audit_event_types" -> "INSERT INTO audit_event_types VALUES ('rls_probe', '9', 'probe')";
            case "audit_chain_head" -> "INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, '\\x00')";
            case "flyway_schema_history" ->
                "INSERT INTO flyway_schema_history (installed_rank, description, type,"
                        + " script, installed_by, execution_time, success) VALUES (9999, 'probe', 'SQL', 'probe', 'probe', 0, true)";
            case "access_tokens" ->
                "INSERT INTO access_tokens (token_hash, kind, user_id) VALUES (sha256('probe'), 'api', '" + f.vp.id()
                        + "')";
            case "login_settings" -> "INSERT INTO login_settings DEFAULT VALUES";
            case "account_requests" ->
                "INSERT INTO account_requests (kind, user_id) VALUES ('activate', '" + f.vp.id() + "')";
            case "second_factors" ->
                "INSERT INTO second_factors (user_id, secret) VALUES ('" + f.vp.id() + "', sha256('probe')::bytea)";
            case "recovery_codes" ->
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES ('" + f.vp.id() + "', sha256('probe'))";
            case "sign_in_sources" -> "INSERT INTO sign_in_sources (username_key, source) VALUES ('probe', 'probe')";
            case "passkeys" ->
                "INSERT INTO passkeys (user_id, credential_id, public_key, attestation_object, attestation_client_data,"
                        + " label, rp_id) VALUES ('" + f.vp.id()
                        + "', sha256('probe'), '\\x00', '\\x00', '\\x00', 'probe',"
                        + " 'probe')";
            case "account_activations" ->
                "INSERT INTO account_activations (user_id, token_hash, purpose, expires_at) VALUES ('" + f.vp.id()
                        + "', sha256('probe'), 'reset', now())";
            default -> throw new IllegalArgumentException(table);
        };
        return outcome(role, j -> j.sql(sql).update());
    }

    private static String documentInsert(String ownerRole) {
        return "INSERT INTO documents (title, file_path, file_type, file_size, owner_role) VALUES ('RLS probe',"
                + " 'sha256/00/probe', 'text/plain', 1, '" + ownerRole + "')";
    }

    private static String linkInsert(UUID document, UUID kase) {
        return "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + document + "', 'case', '"
                + kase + "')";
    }

    // ---- update ----

    private String update(String table, String role) {
        Fixture f = fixture;
        return switch (table) {
            case "users" -> {
                String where = " WHERE id = '" + f.otherUser + "'";
                String name = outcome(
                        role,
                        j -> j.sql("UPDATE users SET display_name = display_name || ''" + where)
                                .update());
                String active = outcome(
                        role,
                        j -> j.sql("UPDATE users SET is_active = false" + where).update());
                String secrets = outcome(
                        role,
                        j -> j.sql("UPDATE users SET password_hash = 'x', locked_until = now() + interval '100 years'"
                                        + where)
                                .update());
                String counters = outcome(
                        role,
                        j -> j.sql("UPDATE users SET failed_logins = failed_logins" + where)
                                .update());
                if (all(name, active) && none(secrets, counters)) {
                    yield "display name and active flag only";
                }
                yield none(name, active, secrets, counters)
                        ? "none"
                        : "display name " + name + ", active flag " + active + ", password and lock " + secrets
                                + ", login counters " + counters;
            }
            case "cases" -> {
                String open = outcome(
                        role,
                        j -> j.sql("UPDATE cases SET title = title || '' WHERE id = '" + f.openCase + "'")
                                .update());
                String closed = outcome(
                        role,
                        j -> j.sql("UPDATE cases SET title = title || '' WHERE id = '" + f.closedCase + "'")
                                .update());
                String close = outcome(
                        role,
                        j -> j.sql("UPDATE cases SET state = 'closed', resolution = 'probe',"
                                        + " closed_at = now(), closed_by = current_user_id() WHERE id = '" + f.openCase
                                        + "'")
                                .update());
                // v1.1-A: re-opening a closed case, editing a re-opened one, closing it again
                boolean reopening = f.reopenedCase != null;
                String reopen = !reopening
                        ? "n/a"
                        : outcome(
                                role,
                                j -> j.sql("UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL,"
                                                + " closed_by = NULL WHERE id = '" + f.closedCase + "'")
                                        .update());
                String reopened = !reopening
                        ? "n/a"
                        : outcome(
                                role,
                                j -> j.sql("UPDATE cases SET title = title || '' WHERE id = '" + f.reopenedCase + "'")
                                        .update());
                String reclose = !reopening
                        ? "n/a"
                        : outcome(
                                role,
                                j -> j.sql("UPDATE cases SET state = 'closed', resolution = 'probe', closed_at = now(),"
                                                + " closed_by = current_user_id() WHERE id = '" + f.reopenedCase + "'")
                                        .update());
                yield casesUpdate(open, closed, close, reopening, reopen, reopened, reclose);
            }
            case "documents" -> {
                String vpDoc = outcome(
                        role,
                        j -> j.sql("UPDATE documents SET is_active = false WHERE id = '" + f.vpDocument + "'")
                                .update());
                String secDoc = outcome(
                        role,
                        j -> j.sql("UPDATE documents SET is_active = false WHERE id = '" + f.secretaryDocument + "'")
                                .update());
                String title = outcome(
                        role,
                        j -> j.sql("UPDATE documents SET title = title || ' changed' WHERE id IN ('" + f.vpDocument
                                        + "', '" + f.secretaryDocument + "')")
                                .update());
                if (!title.equals("none")) {
                    yield "changes more than is_active";
                }
                if (vpDoc.equals("all") && secDoc.equals("all")) {
                    yield "deactivate only";
                }
                if (vpDoc.equals("none") && secDoc.equals("all")) {
                    yield "deactivate secretary documents only";
                }
                yield vpDoc.equals("none") && secDoc.equals("none") ? "none" : "vp " + vpDoc + ", secretary " + secDoc;
            }
            default -> outcome(role, tableKeyUpdate(table));
        };
    }

    /**
     * The cell of the cases' update row from its probes; under v1.0 (no re-opening) the
     * re-opening probes do not apply.
     */
    static String casesUpdate(
            String open,
            String closed,
            String close,
            boolean reopening,
            String reopen,
            String reopened,
            String reclose) {
        if (all(open, closed, close) && (!reopening || all(reopen, reopened, reclose))) {
            return "all";
        }
        if (all(open) && none(closed, close) && (!reopening || (none(reopen, reclose) && all(reopened)))) {
            return "not closed, cannot close or re-open";
        }
        if (none(open, closed, close) && (!reopening || none(reopen, reopened, reclose))) {
            return "none";
        }
        return "open " + open + ", closed " + closed + ", close " + close + ", re-open " + reopen + ", re-opened "
                + reopened + ", close again " + reclose;
    }

    private static boolean all(String... outcomes) {
        return java.util.Arrays.stream(outcomes).allMatch("all"::equals);
    }

    private static boolean none(String... outcomes) {
        return java.util.Arrays.stream(outcomes).allMatch("none"::equals);
    }

    private Function<JdbcClient, Object> tableKeyUpdate(String table) {
        Fixture f = fixture;
        String sql = switch (table) {
            case "guests" -> "UPDATE guests SET notes = 'probe' WHERE id = '" + f.guest + "'";
            case "appointments" -> "UPDATE appointments SET location = 'probe' WHERE id = '" + f.appointment + "'";
            case "case_reference_counters" -> "UPDATE case_reference_counters SET last_number = last_number";
            case "case_state_transitions" -> "UPDATE case_state_transitions SET vp_only = vp_only";
            case "audit_logs" ->
                "UPDATE audit_logs SET details = details WHERE id = '" + f.auditEvents.get("guest") + "'";
            case "audit_event_types" -> "UPDATE audit_event_types SET description = description";
            case "audit_chain_head" -> "UPDATE audit_chain_head SET seq = seq";
            case "flyway_schema_history" -> "UPDATE flyway_schema_history SET success = success";
            case "access_tokens" -> "UPDATE access_tokens SET revoked_at = NULL, expires_at = NULL";
            case "login_settings" -> "UPDATE login_settings SET bcrypt_cost = 4";
            case "account_requests" -> "UPDATE account_requests SET note = note";
            case "account_activations" -> "UPDATE account_activations SET used_at = now()";
            case "second_factors" -> "UPDATE second_factors SET last_step = last_step";
            case "recovery_codes" -> "UPDATE recovery_codes SET used_at = now()";
            case "passkeys" -> "UPDATE passkeys SET sign_count = 0";
            case "sign_in_sources" -> "UPDATE sign_in_sources SET failures = 0";
            case "document_links" ->
                "UPDATE document_links SET linked_at = linked_at WHERE id = '" + f.secretaryLink + "'";
            default -> throw new IllegalArgumentException(table);
        };
        return j -> j.sql(sql).update();
    }

    // ---- delete ----

    private Function<JdbcClient, Object> tableKeyDelete(String table) {
        Fixture f = fixture;
        String where = switch (table) {
            case "users" -> "id = '" + f.otherUser + "'";
            case "guests" -> "id = '" + f.guest + "'";
            case "appointments" -> "id = '" + f.appointment + "'";
            case "cases" -> "id = '" + f.openCase + "'";
            case "audit_logs" -> "id = '" + f.auditEvents.get("guest") + "'";
            case "documents" -> "id = '" + f.secretaryDocument + "'";
            case "document_links" -> "id = '" + f.secretaryLink + "'";
            default -> "true";
        };
        return j -> j.sql("DELETE FROM " + table + " WHERE " + where).update();
    }

    // ---- running a probe ----

    /**
     * "all" when the statement succeeds and touches rows, "none" when the database refuses it
     * for lack of rights (42501, which includes row-level security) or it touches no row; any
     * other failure is a broken probe and shows as such.
     */
    private String outcome(String role, Function<JdbcClient, Object> work) {
        Object result = attempt(role, work);
        if (result instanceof DataAccessException e) {
            String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "?";
            // no right (42501, row-level security included) or a trigger's refusal
            if (Set.of("42501", "VPF01", "VPF02", "VPF05", "VPF06").contains(state)) {
                return "none";
            }
            return "error " + state + ": " + e.getMostSpecificCause().getMessage();
        }
        if (result instanceof Number n) {
            return n.longValue() > 0 ? "all" : "none";
        }
        return "all";
    }

    private Object attempt(String role, Function<JdbcClient, Object> work) {
        Actor actor = fixture.actors.get(role);
        try {
            if (actor == null) {
                return tx.execute(status -> {
                    status.setRollbackOnly();
                    return work.apply(jdbc);
                });
            }
            return ActorContext.callAs(
                    actor,
                    () -> tx.execute(status -> {
                        status.setRollbackOnly();
                        return work.apply(jdbc);
                    }));
        } catch (DataAccessException e) {
            return e;
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Rows made by the owner, whom row-level security does not limit. */
    static final class Fixture {
        final Account vp;
        final Account secretary;
        final Account admin;
        final UUID otherUser;
        final UUID guest;
        final UUID appointment;
        final UUID openCase;
        final UUID closedCase;
        /** a re-opened case (v1.1-A); null on a database without the state */
        final UUID reopenedCase;

        /** the token each column presents; the column app presents none */
        final Map<String, Actor> actors;

        final UUID vpDocument;
        final UUID secretaryDocument;
        final UUID vpLink;
        final UUID secretaryLink;
        final Map<String, UUID> auditEvents;
        private final JdbcClient owner;

        Fixture(Account vp, Account secretary, Account admin, Map<String, Actor> actors, JdbcClient owner) {
            this.actors = actors;
            this.vp = vp;
            this.secretary = secretary;
            this.admin = admin;
            this.owner = owner;
            otherUser = owner.sql("INSERT INTO users (username, display_name, role, password_hash)"
                            + " VALUES (:u, 'Other', 'secretary', 'x') RETURNING id")
                    .param("u", "rls-other-" + shortId())
                    .query(UUID.class)
                    .single();
            guest = owner.sql("INSERT INTO guests (full_name) VALUES ('RLS Fixture') RETURNING id")
                    .query(UUID.class)
                    .single();
            appointment = owner.sql("INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)"
                            + " VALUES (:g, 'fixture', now() + interval '4000 days', now() + interval '4000 days 1 hour', 'requested')"
                            + " RETURNING id")
                    .param("g", guest)
                    .query(UUID.class)
                    .single();
            openCase = owner.sql("INSERT INTO cases (title) VALUES ('RLS open') RETURNING id")
                    .query(UUID.class)
                    .single();
            closedCase = owner.sql("INSERT INTO cases (title, state, resolution, closed_at, closed_by)"
                            + " VALUES ('RLS closed', 'closed', 'done', now(), :vp) RETURNING id")
                    .param("vp", vp.id())
                    .query(UUID.class)
                    .single();
            reopenedCase = owner.sql("SELECT EXISTS (SELECT FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                                    + " WHERE t.typname = 'case_state' AND e.enumlabel = 'reopened')")
                            .query(Boolean.class)
                            .single()
                    ? owner.sql("INSERT INTO cases (title, state) VALUES ('RLS reopened', 'reopened') RETURNING id")
                            .query(UUID.class)
                            .single()
                    : null;
            vpDocument = document("vp", vp.id());
            secretaryDocument = document("secretary", secretary.id());
            vpLink = link(vpDocument, vp.id());
            secretaryLink = link(secretaryDocument, secretary.id());
            auditEvents = new java.util.LinkedHashMap<>();
            auditEvents.put("secretary_account", audit("user_created", "user", secretary.id()));
            auditEvents.put("other_account", audit("user_created", "user", otherUser));
            auditEvents.put("system", audit("migration_run", "system", null));
            auditEvents.put("guest", audit("guest_created", "guest", guest));
            auditEvents.put("appointment", audit("appointment_created", "appointment", appointment));
            auditEvents.put("case", audit("case_created", "case", openCase));
            auditEvents.put("document", audit("document_uploaded", "document", secretaryDocument));
            auditEvents.put("vp_document", audit("document_uploaded", "document", vpDocument));
        }

        private UUID document(String ownerRole, UUID createdBy) {
            byte[] content = "RLS fixture\n".getBytes(StandardCharsets.US_ASCII);
            return owner.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role, created_by)"
                            + " VALUES ('RLS fixture', :path, 'text/plain', :size,"
                            + " CAST(:role AS document_owner_role), :by) RETURNING id")
                    .param("path", stored(content))
                    .param("size", content.length)
                    .param("role", ownerRole)
                    .param("by", createdBy)
                    .query(UUID.class)
                    .single();
        }

        /**
         * Puts content into the shared document store at its address, as an upload would, so that
         * the fixture's documents are whole ones (the server's other tests read and verify them).
         */
        private static String stored(byte[] content) {
            try {
                String sha256 = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                String address = "sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
                Path file = sharedDataDir().resolve("documents").resolve(address);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                return address;
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private UUID link(UUID document, UUID linkedBy) {
            return owner.sql("INSERT INTO document_links (document_id, entity_type, entity_id, linked_by)"
                            + " VALUES (:d, 'guest', :g, :by) RETURNING id")
                    .param("d", document)
                    .param("g", guest)
                    .param("by", linkedBy)
                    .query(UUID.class)
                    .single();
        }

        private UUID audit(String type, String entityType, UUID entityId) {
            return owner.sql(
                            "INSERT INTO audit_logs (event_type, entity_type, entity_id) VALUES (:t, :e, :id) RETURNING id")
                    .param("t", type)
                    .param("e", entityType)
                    .param("id", entityId)
                    .query(UUID.class)
                    .single();
        }

        long ownerCount(String table) {
            return owner.sql("SELECT count(*) FROM " + table).query(Long.class).single();
        }
    }
}
