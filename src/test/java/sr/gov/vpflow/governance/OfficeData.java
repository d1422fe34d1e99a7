package sr.gov.vpflow.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;

/**
 * Fills a database the way the office does: accounts through the user service, guests,
 * appointments and cases as the Vice President and a secretary through the application's own
 * transactions (so row-level security and the triggers apply), each change audited.
 */
final class OfficeData {

    /** Every appointment of the test run gets an hour of its own, so that none overlap. */
    private static final java.util.concurrent.atomic.AtomicInteger SLOTS =
            new java.util.concurrent.atomic.AtomicInteger();

    final UserView vp;
    final UserView secretary;
    final List<UUID> guests = new ArrayList<>();
    final List<UUID> appointments = new ArrayList<>();
    final List<UUID> cases = new ArrayList<>();
    private final ConfigurableApplicationContext app;
    private static final java.util.Map<Role, String> PASSWORDS =
            java.util.Map.of(Role.VP, "Lang-genoeg-wachtwoord-1", Role.SECRETARY, "Lang-genoeg-wachtwoord-2");

    private OfficeData(ConfigurableApplicationContext app, UserView vp, UserView secretary) {
        this.app = app;
        this.vp = vp;
        this.secretary = secretary;
    }

    static OfficeData fill(ConfigurableApplicationContext app, int guests) {
        UserService users = app.getBean(UserService.class);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Operators operators = app.getBean(Operators.class);
        UserView vp = operators.callAs(
                Role.ADMIN,
                "cli",
                () -> users.create(new NewUser("vp-" + tag, "Vice President", "vp", PASSWORDS.get(Role.VP))));
        UserView secretary = operators.callAs(
                Role.ADMIN,
                "cli",
                () -> users.create(
                        new NewUser("sec-" + tag, "Anjali Sewdien", "secretary", PASSWORDS.get(Role.SECRETARY))));
        OfficeData data = new OfficeData(app, vp, secretary);
        for (int i = 0; i < guests; i++) {
            data.addGuestWithAppointmentAndCase(i);
        }
        return data;
    }

    void addGuestWithAppointmentAndCase(int i) {
        UUID guest = as(secretary, Role.SECRETARY, j -> {
            UUID id = j.sql("INSERT INTO guests (full_name, organisation, email) VALUES (:n, :o, :e) RETURNING id")
                    .param("n", "Gast " + i + " Séwdien")
                    .param("o", "Ministerie " + (i % 3))
                    .param("e", "gast" + i + "@example.sr")
                    .query(UUID.class)
                    .single();
            audit(j, "guest_created", "guest", id);
            return id;
        });
        guests.add(guest);
        UUID appointment = as(secretary, Role.SECRETARY, j -> {
            UUID id = j.sql("""
                            INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)
                            VALUES (:g, :s, date_trunc('hour', now()) + make_interval(days => 30, hours => :h),
                                    date_trunc('hour', now()) + make_interval(days => 30, hours => :h, mins => 45),
                                    'scheduled')
                            RETURNING id""")
                    .param("g", guest)
                    .param("s", "Overleg " + i)
                    .param("h", SLOTS.incrementAndGet())
                    .query(UUID.class)
                    .single();
            audit(j, "appointment_created", "appointment", id);
            return id;
        });
        appointments.add(appointment);
        UUID kase = as(secretary, Role.SECRETARY, j -> {
            UUID id = j.sql("INSERT INTO cases (title, guest_id, appointment_id) VALUES (:t, :g, :a) RETURNING id")
                    .param("t", "Zaak " + i)
                    .param("g", guest)
                    .param("a", appointment)
                    .query(UUID.class)
                    .single();
            audit(j, "case_created", "case", id);
            return id;
        });
        cases.add(kase);
        if (i % 3 == 1) {
            as(secretary, Role.SECRETARY, j -> {
                j.sql("UPDATE cases SET state = 'in_progress' WHERE id = :id")
                        .param("id", kase)
                        .update();
                audit(j, "case_state_changed", "case", kase);
                return null;
            });
        }
        if (i % 3 == 2) {
            as(vp, Role.VP, j -> {
                j.sql("""
                                UPDATE cases SET state = 'closed', resolution = 'Afgehandeld',
                                       closed_at = now(), closed_by = current_user_id() WHERE id = :id""").param("id", kase).update();
                audit(j, "case_closed", "case", kase);
                return null;
            });
        }
    }

    <T> T as(UserView user, Role role, java.util.function.Function<JdbcClient, T> work) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TransactionTemplate tx = app.getBean(TransactionTemplate.class);
        Identities identities = app.getBean(Identities.class);
        Identities.SignedIn signedIn = identities
                .signIn(user.username(), PASSWORDS.get(role), TokenKind.BASIC, "web")
                .orElseThrow();
        try {
            return ActorContext.callAs(
                    new Actor(user.id(), role, "web", signedIn.token()), () -> tx.execute(s -> work.apply(jdbc)));
        } finally {
            identities.end(signedIn.token());
        }
    }

    private static void audit(JdbcClient j, String type, String entityType, UUID id) {
        j.sql("INSERT INTO audit_logs (event_type, entity_type, entity_id, details) VALUES (:t, :e, :id, '{}')")
                .param("t", type)
                .param("e", entityType)
                .param("id", id)
                .update();
    }
}
