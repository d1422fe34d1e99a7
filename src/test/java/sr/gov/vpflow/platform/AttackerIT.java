package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attacker can do who holds the application pool's login (an SQL injection, a compromised
 * library, a leaked pool password) and one secretary's valid token: act as that secretary, and as
 * nobody else. Every statement goes to the real database over the pool's own login role, each in a
 * transaction that is rolled back; after each attack the records are checked to be unchanged.
 */
class AttackerIT extends IntegrationTest {

    private static final Set<String> OFFICE_ROLES =
            Set.of("vpflow_vp", "vpflow_secretary", "vpflow_admin", "vpflow_login");

    @Autowired
    ApplicationLogin login;

    private Account vp;
    private Account secretary;
    private Account admin;
    /** the secretary's token, which the attacker holds */
    private String secretaryToken;

    private UUID vpDocument;
    private UUID openCase;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        admin = accounts.create(Role.ADMIN);
        secretaryToken = api.post("/api/v1/me/tokens", secretary, java.util.Map.of("name", "stolen"))
                .json()
                .get("token")
                .asString();
        HttpResponse<String> upload = new Uploads(api.base())
                .upload(
                        vp,
                        Uploads.body(
                                "Vertrouwelijk advies",
                                "advies.txt",
                                "text/plain",
                                "Alleen voor de Vicepresident".getBytes(StandardCharsets.UTF_8)));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        vpDocument = UUID.fromString(
                JsonMapper.builder().build().readTree(upload.body()).get("id").asString());
        openCase = UUID.fromString(api.post("/api/v1/cases", secretary, java.util.Map.of("title", "Een open zaak"))
                .json()
                .get("id")
                .asString());
    }

    @Test
    void noSetRoleToAnOfficeRoleNorSessionAuthorization() throws SQLException {
        for (String role : OFFICE_ROLES) {
            assertThat(refusal("SET ROLE " + role)).as("SET ROLE %s", role).isEqualTo("42501");
            assertThat(refusal("SET LOCAL ROLE " + role))
                    .as("SET LOCAL ROLE %s", role)
                    .isEqualTo("42501");
        }
        assertThat(refusal("SET SESSION AUTHORIZATION " + ownerDatabase.user())).isEqualTo("42501");
        // the one role it may take on is its own group, which acts for nobody without a token
        try (Connection c = login.connect("attacker")) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE vpflow_user");
            }
            assertThat(count(c, "SELECT count(*) FROM vpflow.cases")).isZero();
            assertThat(count(c, "SELECT count(*) FROM vpflow.users")).isZero();
            c.rollback();
        }
    }

    @Test
    void noSettingMakesAnyoneElseActNotEvenWithASecretarysToken() throws SQLException {
        for (boolean withToken : new boolean[] {false, true}) {
            try (Connection c = login.connect("attacker")) {
                if (withToken) {
                    act(c, secretaryToken);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT set_config('vpflow.user_id', '" + vp.id() + "', true),"
                            + " set_config('vpflow.role', 'vp', true), set_config('vpflow.channel', 'cli', true)");
                }
                assertThat(count(c, "SELECT count(*) FROM vpflow.documents WHERE id = '" + vpDocument + "'"))
                        .as("a vp document, token %s", withToken)
                        .isZero();
                assertThat(state(c, "SELECT vpflow.current_app_role()")).isEqualTo(withToken ? "secretary" : "system");
                assertThat(refusalIn(
                                c,
                                "UPDATE vpflow.cases SET state = 'closed', resolution = 'door een aanvaller',"
                                        + " closed_at = now(), closed_by = '" + vp.id() + "' WHERE id = '" + openCase
                                        + "'"))
                        .as("closing a case, token %s", withToken)
                        .isEqualTo(withToken ? "42501" : "updated 0");
                String audit = refusalIn(
                        c,
                        "INSERT INTO vpflow.audit_logs (event_type, entity_type, entity_id) VALUES ('case_closed',"
                                + " 'case', '" + openCase + "')");
                if (withToken) {
                    // accepted, but stamped with the token's user, never the one the settings name
                    assertThat(audit).isEqualTo("inserted 1");
                    assertThat(state(
                                    c,
                                    "SELECT actor_id || ' ' || actor_role FROM vpflow.audit_logs"
                                            + " WHERE entity_id = '" + openCase + "' AND event_type = 'case_closed'"))
                            .isEqualTo(secretary.id() + " secretary");
                } else {
                    assertThat(audit).isEqualTo("42501");
                }
                c.rollback();
            }
        }
        try (Connection c = login.connect("attacker")) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('vpflow.token', 'vpfs_" + "A".repeat(43) + "', true)");
            }
            assertThat(refusalIn(c, "SELECT count(*) FROM vpflow.cases")).isEqualTo("VPF10");
            c.rollback();
        }
        assertThat(owner().sql("SELECT state FROM cases WHERE id = :id")
                        .param("id", openCase)
                        .query(String.class)
                        .single())
                .isEqualTo("open");
    }

    @Test
    void noPasswordHashTokenHashOrSessionIsReadable() throws SQLException {
        for (String token : new String[] {null, secretaryToken, adminToken()}) {
            try (Connection c = login.connect("attacker")) {
                if (token != null) {
                    act(c, token);
                }
                assertThat(refusalIn(c, "SELECT password_hash FROM vpflow.users"))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT failed_logins, locked_until FROM vpflow.users"))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT token_hash FROM vpflow.access_tokens"))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT count(*) FROM vpflow.access_tokens"))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT * FROM vpflow.token_identity('x')"))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT * FROM vpflow.login_settings")).isEqualTo("42501");
                // there is no server-side session store to read at all
                assertThat(refusalIn(c, "SELECT * FROM vpflow.spring_session")).isEqualTo("42P01");
                c.rollback();
            }
        }
        // the tokens it may list are its own, and never their secrets
        try (Connection c = login.connect("attacker")) {
            act(c, secretaryToken);
            assertThat(state(c, "SELECT string_agg(name, ',') FROM vpflow.list_api_tokens()"))
                    .isEqualTo("stolen");
            c.rollback();
        }
    }

    @Test
    void withTheVpsPasswordTheLoginStillLacksThePasskey() throws SQLException {
        byte[] passkey = new byte[32];
        new java.security.SecureRandom().nextBytes(passkey);
        owner().sql("INSERT INTO passkeys (user_id, credential_id, public_key, attestation_object,"
                        + " attestation_client_data, label, rp_id) VALUES (:u, :id, '\\x00', '\\x00', '\\x00',"
                        + " 'Telefoon', 'localhost')")
                .param("u", vp.id())
                .param("id", passkey)
                .update();
        try (Connection c = login.connect("attacker")) {
            String waiting = state(
                    c,
                    "SELECT token FROM vpflow.login_password('" + vp.username() + "', '" + vp.password()
                            + "', 'session', 'web', NULL)");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.authenticate('" + waiting + "')"))
                    .as("the password alone")
                    .isEqualTo("0");
            String challenge = "'\\x" + "cd".repeat(32) + "'::bytea";
            assertThat(state(
                            c,
                            "SELECT cardinality(credential_ids)::text FROM vpflow.begin_passkey('" + waiting
                                    + "', 'sign_in', " + challenge + ")"))
                    .as("a sign-in names no passkey")
                    .isEqualTo("0");
            assertThat(state(
                            c,
                            "SELECT vpflow.finish_passkey_sign_in('" + waiting + "', '\\x" + "00".repeat(32)
                                    + "', sha256('localhost') || '\\x0100000009'::bytea, convert_to('{\"type\":"
                                    + "\"webauthn.get\",\"challenge\":\"zc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc3Nzc0\"}',"
                                    + " 'UTF8'))"))
                    .as("a well-formed answer for a guessed passkey")
                    .isEqualTo("refused");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.authenticate('" + waiting + "')"))
                    .isEqualTo("0");
            c.commit();
        }
    }

    @Test
    void everySecurityDefinerFunctionIsEitherOutOfReachOrActsOnlyForTheTokensUser() throws SQLException {
        List<String> reachable = owner().sql("""
                        SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
                        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'vpflow' AND p.prosecdef
                          AND has_function_privilege(:login, p.oid, 'EXECUTE')
                        ORDER BY 1""")
                .param("login", login.user())
                .query(String.class)
                .list();
        // each of these is attacked below; a new one must be added here, with its attack
        assertThat(reachable)
                .containsExactlyInAnyOrder(
                        "account_requests_list(p_pending_only boolean)",
                        "account_states(p_users uuid[])",
                        "add_passkey(p_token text, p_credential_id bytea, p_public_key bytea,"
                                + " p_attestation_object bytea, p_attestation_client_data bytea, p_sign_count bigint,"
                                + " p_uv_initialized boolean, p_backup_eligible boolean, p_backup_state boolean,"
                                + " p_transports text[], p_label text, p_rp_id text)",
                        "begin_passkey(p_token text, p_purpose text, p_challenge bytea)",
                        "finish_passkey_sign_in(p_token text, p_credential_id bytea,"
                                + " p_authenticator_data bytea, p_client_data bytea)",
                        "own_passkeys()",
                        "passkey_ceremony(p_token text, p_purpose text, p_credential_id bytea)",
                        "remove_own_passkey(p_id uuid)",
                        "acting_identity()",
                        "act(p_token text, p_channel text)",
                        "activation_state(p_token text)",
                        "audit_verify()",
                        "close_history_window()",
                        "office_now()",
                        "audit_hashes(p_seqs bigint[])",
                        "begin_own_second_factor()",
                        "change_own_password(p_current text, p_new text)",
                        "confirm_own_second_factor(p_code text)",
                        "authenticate(p_token text)",
                        "create_api_token(p_name text, p_expires_at timestamp with time zone)",
                        "create_user(p_username text, p_display_name text, p_role app_role, p_password text)",
                        "decide_account_request(p_request uuid, p_approve boolean, p_reason text)",
                        "enable_user(p_user uuid)",
                        "end_own_session(p_id uuid)",
                        "end_session(p_token text)",
                        "feed_token_status()",
                        "issue_activation(p_user uuid, p_purpose text)",
                        "list_own_sessions()",
                        "file_account_request(p_kind text, p_user uuid, p_role app_role, p_password text, p_note text)",
                        "list_api_tokens()",
                        "login_password(p_username text, p_password text, p_kind text, p_channel text, p_source text)",
                        "mail_queue(p_limit integer)",
                        "mail_queue_counts()",
                        "mail_recipients(p_kind text)",
                        "mail_sender()",
                        "own_second_factor()",
                        "own_sign_ins(p_limit integer)",
                        "revoke_api_token(p_id uuid)",
                        "rotate_feed_token()",
                        "search_documents(p_query text, p_limit integer)",
                        "search_indexer()",
                        "set_password(p_user uuid, p_password text)",
                        "reset_second_factor(p_user uuid)",
                        "second_factor_state(p_token text)",
                        "second_factor_verify(p_token text, p_code text)",
                        "set_role(p_user uuid, p_role app_role)",
                        "use_activation(p_token text, p_password text)");
        String vpToken = api.post("/api/v1/me/tokens", vp, java.util.Map.of("name", "van de VP"))
                .json()
                .get("id")
                .asString();
        try (Connection c = login.connect("attacker")) {
            act(c, secretaryToken);
            assertThat(refusalIn(c, "SELECT vpflow.set_password('" + vp.id() + "', 'Overgenomen-wachtwoord-1')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c, "SELECT vpflow.create_user('binnendringer', 'X', 'vp', 'Overgenomen-wachtwoord-1')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.audit_verify()")).isEqualTo("42501");
            // the four-eyes functions (AccountRequestsIT attacks them as the administrator)
            assertThat(refusalIn(c, "SELECT * FROM vpflow.account_requests_list(false)"))
                    .isEqualTo("42501");
            // the accounts' state (awaiting activation, locked) is the administrator's alone
            assertThat(refusalIn(c, "SELECT * FROM vpflow.account_states(ARRAY['" + vp.id() + "']::uuid[])"))
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c, "SELECT vpflow.file_account_request('activate', '" + vp.id() + "', NULL, NULL, NULL)"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.set_role('" + vp.id() + "', 'secretary')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.enable_user('" + vp.id() + "')"))
                    .isEqualTo("42501");
            // mail (V1_0_80): only the sender's operator token (which only the owner issues) reads the
            // outbox and the recipients of the daily mail; the queue is the administrator's and masked
            assertThat(state(c, "SELECT vpflow.mail_sender()::text")).isEqualTo("false");
            // search (V1_3_1): only the indexer's operator token writes the text of documents
            assertThat(state(c, "SELECT vpflow.search_indexer()::text")).isEqualTo("false");
            assertThat(state(
                            c,
                            "WITH changed AS (UPDATE vpflow.document_texts SET content = 'vervalst', state = 'indexed'"
                                    + " RETURNING 1) SELECT count(*)::text FROM changed"))
                    .isEqualTo("0");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.mail_outbox"))
                    .isEqualTo("0");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.mail_recipients('vp_digest')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.mail_queue(10)")).isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.mail_queue_counts()")).isEqualTo("42501");
            // nor does it mail anyone but the guest of an appointment, nor mark a message sent
            assertThat(refusalIn(
                            c,
                            "INSERT INTO vpflow.mail_outbox (id, kind, recipient, appointment_id, subject, body) VALUES"
                                    + " (gen_random_uuid(), 'guest_confirmation', 'slachtoffer@example.org', '"
                                    + UUID.randomUUID() + "', 'Uw account', 'Klik hier')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c,
                            "INSERT INTO vpflow.mail_outbox (id, kind, recipient, subject, body) VALUES"
                                    + " (gen_random_uuid(), 'vp_digest', 'slachtoffer@example.org', 'x', 'x')"))
                    .isEqualTo("42501");
            // nor put words of its own in the office's mail: a guest made for the victim's address and an
            // appointment with it let it queue only which notice it is; the sender writes the text
            String victim = state(
                    c,
                    "INSERT INTO vpflow.guests (full_name, email) VALUES ('Slachtoffer', 'slachtoffer@example.org')"
                            + " RETURNING id::text");
            String lure = state(
                    c,
                    "INSERT INTO vpflow.appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('"
                            + victim + "', 'x', now() + interval '5000 days', now() + interval '5000 days 1 hour',"
                            + " 'requested') RETURNING id::text");
            assertThat(refusalIn(
                            c,
                            "INSERT INTO vpflow.mail_outbox (id, kind, recipient, appointment_id, subject, body, notice)"
                                    + " VALUES (gen_random_uuid(), 'guest_confirmation', 'slachtoffer@example.org', '"
                                    + lure + "', 'Uw account', 'Klik hier', 'booked')"))
                    .isEqualTo("23514");
            assertThat(refusalIn(c, "UPDATE vpflow.mail_outbox SET state = 'queued', attempts = 0"))
                    .isEqualTo("updated 0");
            assertThat(
                            refusalIn(
                                    c,
                                    "INSERT INTO vpflow.mail_daily_rounds (kind, office_day) VALUES ('vp_digest', '2199-01-01')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c, "SELECT vpflow.decide_account_request('" + UUID.randomUUID() + "', true, 'vervalst')"))
                    .isEqualTo("42501");
            // activation links: made by the administrator only; a guessed one proves nothing
            assertThat(refusalIn(c, "SELECT * FROM vpflow.issue_activation('" + vp.id() + "', 'reset')"))
                    .isEqualTo("42501");
            assertThat(state(
                            c,
                            "SELECT vpflow.use_activation('vpfl_" + "B".repeat(43) + "', 'Overgenomen-wachtwoord-1')"))
                    .isEqualTo("unknown");
            assertThat(state(c, "SELECT state FROM vpflow.activation_state('vpfl_" + "B".repeat(43) + "')"))
                    .isEqualTo("unknown");
            // a second factor only for a session waiting for it: a guessed token waits for nothing
            assertThat(state(c, "SELECT state FROM vpflow.second_factor_state('vpfs_" + "B".repeat(43) + "')"))
                    .isEqualTo("none");
            assertThat(state(
                            c,
                            "SELECT result FROM vpflow.second_factor_verify('vpfs_" + "B".repeat(43) + "', '123456')"))
                    .isEqualTo("expired");
            assertThat(refusalIn(c, "SELECT vpflow.totp('\\x00'::bytea, 1)")).isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.reset_second_factor('" + vp.id() + "')"))
                    .isEqualTo("42501");
            // one's own app is set up signed in on the page, not with a (stolen) API token
            assertThat(refusalIn(c, "SELECT * FROM vpflow.own_second_factor()")).isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.begin_own_second_factor()")).isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.confirm_own_second_factor('123456')"))
                    .isEqualTo("42501");
            // passkeys: added and listed signed in on the page, used by a session waiting for them
            String challenge = "'\\x" + "ab".repeat(32) + "'::bytea";
            assertThat(refusalIn(c, "SELECT * FROM vpflow.begin_passkey(NULL, 'register', " + challenge + ")"))
                    .as("a stolen API token adds no passkey")
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c,
                            "SELECT * FROM vpflow.begin_passkey('vpfs_" + "B".repeat(43) + "', 'sign_in', " + challenge
                                    + ")"))
                    .isEqualTo("42501");
            assertThat(state(
                            c,
                            "SELECT count(*)::text FROM vpflow.passkey_ceremony('vpfs_" + "B".repeat(43)
                                    + "', 'sign_in', " + challenge + ")"))
                    .isEqualTo("0");
            assertThat(state(
                            c,
                            "SELECT vpflow.finish_passkey_sign_in('vpfs_" + "B".repeat(43) + "', " + challenge + ", "
                                    + challenge + ", " + challenge + ")"))
                    .isEqualTo("expired");
            assertThat(refusalIn(
                            c,
                            "SELECT vpflow.add_passkey(NULL, " + challenge + ", " + challenge + ", " + challenge + ", "
                                    + challenge + ", 0, false, false, false, '{}', 'vervalst', 'localhost')"))
                    .isEqualTo("42501");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.own_passkeys()"))
                    .isEqualTo("0");
            assertThat(refusalIn(c, "SELECT vpflow.remove_own_passkey('" + UUID.randomUUID() + "')"))
                    .isEqualTo("42501");
            // one's own password needs the current one; sessions and sign-ins are one's own
            assertThat(refusalIn(c, "SELECT vpflow.change_own_password('geraden', 'Overgenomen-wachtwoord-1')"))
                    .as("a stolen API token does not change the password")
                    .isEqualTo("42501");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.own_sign_ins(100) WHERE false"))
                    .isEqualTo("0");
            assertThat(refusalIn(c, "SELECT vpflow.end_own_session(id) FROM vpflow.access_tokens LIMIT 1"))
                    .as("the tokens table itself stays out of reach")
                    .isEqualTo("42501");
            assertThat(state(c, "SELECT vpflow.end_own_session('" + UUID.randomUUID() + "')::text"))
                    .isEqualTo("false");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.audit_hashes(ARRAY[1::bigint])"))
                    .as("the hashes are for who checks the audit log")
                    .isEqualTo("42501");
            assertThat(state(c, "SELECT vpflow.revoke_api_token('" + vpToken + "')::text"))
                    .as("another user's token")
                    .isEqualTo("false");
            assertThat(state(
                            c,
                            "SELECT count(*)::text FROM vpflow.login_password('" + vp.username()
                                    + "', 'geraden-wachtwoord', 'session', 'web', NULL)"))
                    .isEqualTo("0");
            assertThat(state(c, "SELECT count(*)::text FROM vpflow.authenticate('vpfa_" + "B".repeat(43) + "')"))
                    .isEqualTo("0");
            assertThat(state(c, "SELECT user_id::text FROM vpflow.acting_identity()"))
                    .isEqualTo(secretary.id().toString());
            // an API token makes no new token: a stolen one cannot make itself a successor
            assertThat(refusalIn(c, "SELECT * FROM vpflow.create_api_token('nog een', NULL)"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.rotate_feed_token()")).isEqualTo("42501");
            // what the owner alone may do
            assertThat(refusalIn(c, "SELECT vpflow.issue_operator_token('vp', 60)"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.issue_operator_token('admin', 60, 'rls-check')"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.purge_access_tokens()")).isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT vpflow.apply_verified_identity()")).isEqualTo("42501");
            c.rollback();
        }
        assertThat(api.get("/api/v1/me", vp).status()).isEqualTo(200);
        assertThat(owner().sql("SELECT revoked_at IS NULL FROM access_tokens WHERE id = :id")
                        .param("id", UUID.fromString(vpToken))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void nothingIsDatedBackButInsideTheHistoryWindowThatOnlyTheOwnerOpens() throws SQLException {
        String insertGuest = "INSERT INTO vpflow.guests (full_name) VALUES ('Gedateerd')";
        try (Connection c = login.connect("attacker")) {
            act(c, secretaryToken);
            assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '10 days')"))
                    .isEqualTo("42501");
            // the moment named directly: refused where the database stamps a record or an event
            setAsOf(c, "now() - interval '10 days'");
            assertThat(refusalIn(c, insertGuest)).isEqualTo("42501");
            assertThat(refusalIn(c, "UPDATE vpflow.cases SET title = 'Gedateerd' WHERE id = '" + openCase + "'"))
                    .isEqualTo("42501");
            assertThat(refusalIn(
                            c,
                            "UPDATE vpflow.history_window SET open_until = now() + interval '1 hour',"
                                    + " earliest = now() - interval '1 year'"))
                    .isEqualTo("42501");
            assertThat(refusalIn(c, "SELECT * FROM vpflow.history_window")).isEqualTo("42501");
            c.rollback();
        }
        owner().sql("UPDATE history_window SET open_until = now() + interval '10 minutes',"
                        + " earliest = now() - interval '400 days'")
                .update();
        try {
            try (Connection c = login.connect("attacker")) {
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '10 days')"))
                        .as("without a token")
                        .isEqualTo("42501");
                act(c, secretaryToken);
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '500 days')"))
                        .as("before the window reaches")
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() + interval '1 day')"))
                        .as("in the future")
                        .isEqualTo("42501");
                setAsOf(c, "now() - interval '500 days'");
                assertThat(refusalIn(c, insertGuest)).isEqualTo("42501");
                setAsOf(c, "now() + interval '1 day'");
                assertThat(refusalIn(c, insertGuest)).isEqualTo("42501");
                c.rollback();
            }
            // the setting alone dates nothing back, for no role: not without a token, not as the administrator
            try (Connection c = login.connect("attacker")) {
                setAsOf(c, "now() - interval '10 days'");
                assertThat(refusalIn(
                                c,
                                "SELECT * FROM vpflow.login_password('" + vp.username()
                                        + "', 'Verkeerd-wachtwoord-1', 'session', 'web', '192.0.2.7')"))
                        .as("a failed sign-in's event, without a token")
                        .isEqualTo("42501");
                c.rollback();
            }
            try (Connection c = login.connect("attacker")) {
                act(c, adminToken());
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '10 days')"))
                        .as("the administrator")
                        .isEqualTo("42501");
                setAsOf(c, "now() - interval '10 days'");
                assertThat(refusalIn(c, "SELECT * FROM vpflow.create_api_token('gedateerd', NULL)"))
                        .as("an event of the administrator's")
                        .isEqualTo("42501");
                c.rollback();
            }
            try (Connection c = login.connect("attacker")) {
                act(c, secretaryToken);
                // inside the window the office's accounts date their records, as the demo does
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '10 days')"))
                        .isEqualTo("selected");
                assertThat(refusalIn(c, insertGuest)).isEqualTo("inserted 1");
                assertThat(state(
                                c,
                                "SELECT (now() - created_at)::text FROM vpflow.guests WHERE full_name = 'Gedateerd'"))
                        .isEqualTo("10 days");
                // a case opened a year back is numbered in that year
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '366 days')"))
                        .isEqualTo("selected");
                assertThat(state(c, "INSERT INTO vpflow.cases (title) VALUES ('Gedateerde zaak') RETURNING reference"))
                        .startsWith("VP-"
                                + java.time.LocalDate.now(OfficeTime.ZONE)
                                        .minusDays(366)
                                        .getYear() + "-");
                c.rollback();
            }
            // anyone may close it, and then nothing is dated back any more
            try (Connection c = login.connect("attacker")) {
                act(c, secretaryToken);
                assertThat(state(c, "SELECT vpflow.close_history_window()")).isEqualTo("t");
                c.commit();
            }
            try (Connection c = login.connect("attacker")) {
                act(c, secretaryToken);
                assertThat(refusalIn(c, "SELECT vpflow.back_date(now() - interval '10 days')"))
                        .isEqualTo("42501");
                c.rollback();
            }
        } finally {
            owner().sql("UPDATE history_window SET open_until = NULL, earliest = NULL")
                    .update();
        }
        assertThat(owner().sql("SELECT count(*) FROM guests WHERE full_name = 'Gedateerd'")
                        .query(Long.class)
                        .single())
                .isZero();
        // an event written at its real time carries no "entered at" of its writer's making
        try (Connection c = ownerDataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThat(
                            state(
                                    c,
                                    "INSERT INTO vpflow.audit_logs (event_type, entity_type, details) VALUES ('login_failed',"
                                            + " 'user', '{\"entered_at\": \"gisteren\"}') RETURNING (details->>'entered_at' IS NULL)::text"))
                    .isEqualTo("true");
            c.rollback();
        }
    }

    private static void setAsOf(Connection c, String moment) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('vpflow.as_of', (" + moment + ")::text, true)");
        }
    }

    @Test
    void noTemporaryTableAndNoneCouldShadowWhatAFunctionReads() throws SQLException {
        List<String> tables = owner().sql("SELECT tablename FROM pg_tables WHERE schemaname = 'vpflow'")
                .query(String.class)
                .list();
        for (String table : tables) {
            try (Connection c = login.connect("attacker")) {
                act(c, secretaryToken);
                assertThat(refusalIn(c, "CREATE TEMP TABLE " + table + " (x int)"))
                        .as("temporary %s", table)
                        .isEqualTo("42501");
                c.rollback();
            }
        }
        assertThat(jdbc.sql("SHOW search_path").query(String.class).single().replace(" ", ""))
                .isEqualTo("vpflow,pg_temp");
        List<String> unpinned = owner().sql("""
                        SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'vpflow'
                          AND (p.prosecdef OR p.prorettype = 'trigger'::regtype)
                          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                          AND NOT coalesce(p.proconfig @> ARRAY['search_path=vpflow, pg_temp'], false)""").query(String.class).list();
        assertThat(unpinned)
                .as("security-definer and trigger functions without a pinned search_path")
                .isEmpty();

        // the owner may make temporary tables: even then a trigger reads the schema's table, not its shadow
        try (Connection c = ownerDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE case_state_transitions (from_state text, to_state text, vp_only boolean)"
                        + " ON COMMIT DROP");
                st.execute("INSERT INTO pg_temp.case_state_transitions VALUES ('open', 'reopened', false)");
            }
            assertThat(refusalIn(c, "UPDATE vpflow.cases SET state = 'reopened' WHERE id = '" + openCase + "'"))
                    .isEqualTo("VPF04");
            c.rollback();
        }
    }

    @Test
    void noLockingOrChangingAnotherAccount() throws SQLException {
        for (String token : new String[] {secretaryToken, adminToken()}) {
            try (Connection c = login.connect("attacker")) {
                act(c, token);
                String where = " WHERE id = '" + vp.id() + "'";
                assertThat(refusalIn(c, "UPDATE vpflow.users SET locked_until = now() + interval '100 years'" + where))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "UPDATE vpflow.users SET failed_logins = 99" + where))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "UPDATE vpflow.users SET password_hash = 'x'" + where))
                        .isEqualTo("42501");
                assertThat(refusalIn(c, "UPDATE vpflow.users SET role = 'admin'" + where))
                        .isEqualTo("42501");
                c.rollback();
            }
        }
        try (Connection c = login.connect("attacker")) {
            act(c, secretaryToken);
            assertThat(refusalIn(c, "UPDATE vpflow.users SET is_active = false WHERE id = '" + vp.id() + "'"))
                    .as("a secretary disabling the Vice President")
                    .isEqualTo("updated 0");
            c.rollback();
        }
        assertThat(api.get("/api/v1/me", vp).status()).isEqualTo(200);
    }

    private String adminToken() {
        return api.post("/api/v1/me/tokens", admin, java.util.Map.of("name", "beheer"))
                .json()
                .get("token")
                .asString();
    }

    // ---- the attacker's SQL ----

    /** Presents a token as the application does (a bound parameter). */
    private static void act(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM vpflow.act(?, 'web')")) {
            ps.setString(1, token);
            ps.executeQuery().close();
        }
    }

    /** The SQLSTATE a statement alone is refused with, in a transaction of its own. */
    private String refusal(String sql) throws SQLException {
        try (Connection c = login.connect("attacker")) {
            String result = refusalIn(c, sql);
            c.rollback();
            return result;
        }
    }

    /** In a savepoint: the SQLSTATE of the refusal, or what the statement did. */
    private static String refusalIn(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SAVEPOINT attack");
            try {
                boolean rows = st.execute(sql);
                String done = rows
                        ? "selected"
                        : (sql.strip().startsWith("INSERT") ? "inserted " : "updated ") + st.getUpdateCount();
                st.execute("RELEASE SAVEPOINT attack");
                return done;
            } catch (SQLException e) {
                st.execute("ROLLBACK TO SAVEPOINT attack");
                return e.getSQLState();
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return String.join(",", values);
        }
    }

    @Test
    void aMadeUpTokenIsRefusedAtTheStartOfTheTransaction() {
        assertThatThrownBy(() -> {
                    try (Connection c = login.connect("attacker")) {
                        act(c, "vpfs_" + "C".repeat(43));
                    }
                })
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("VPF10"));
    }
}
