package sr.gov.vpflow.benchmark;

import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the database as its owner, fast, with set-based inserts: guests, appointments in a grid
 * of slots on weekdays (so active ones never overlap), cases in all states with references per
 * year. Row-level security still applies (the owner's maintenance policy); the no-delete triggers
 * and the constraints stay on.
 */
final class BenchmarkData {

    /** How much to make and how the agenda is laid out. */
    record Size(int guests, int appointments, int cases, int perDay, int slotMinutes, LocalDate anchorMonday) {}

    private final JdbcClient owner;

    BenchmarkData(JdbcClient owner) {
        this.owner = owner;
    }

    void guests(Size size, UUID secretary) {
        owner.sql("""
                        WITH n AS (SELECT
                            ARRAY['Anjali','Rajiv','Priya','Ravi','Sunita','Kwasi','Akoeba','Kofi','Adjoeba','Ruth',
                                  'Marlon','Gracia','Ewald','Sri','Soeparman','Siti','Hardjo','Sandra','Michael',
                                  'Carmen','Ricardo','Anneke','Johan','Désirée','André','Hélène','Noëlla','René',
                                  'Vikash','Reshma'] AS given,
                            ARRAY['Séwdien','Ramdin','Jagessar','Ramkhelawan','Mahabier','Aboikoni','Aloeboetoe',
                                  'Doekoe','Pinas','Waterberg','Vanenburg','Wijngaarde','Emanuels','Kraag',
                                  'Kartowidjojo','Soemita','Wongsoredjo','Kromodimedjo','Tjon A Joe','Chin A Lin',
                                  'Lie A Ling','Sabajo','Jubithana','Pané','de Miranda','Fernandes','van Ommeren',
                                  'Monsanto','Bhagwandin','Sital','Kalpoe','Ramautar','Persaud','Doelwijt','Neede',
                                  'Sedney','Zeefuik','Pawirodimedjo','Amoida','Linga'] AS family,
                            ARRAY['Ministerie van Financiën en Planning','Ministerie van Openbare Werken',
                                  'Ministerie van Volksgezondheid','Ministerie van Onderwijs, Wetenschap en Cultuur',
                                  'Ambassade van het Koninkrijk der Nederlanden',
                                  'Ambassade van de Federatieve Republiek Brazilië','Stichting Buurtwerk Latour',
                                  'Staatsolie Maatschappij Suriname N.V.','N.V. Energiebedrijven Suriname',
                                  'Districtscommissariaat Nickerie','Districtscommissariaat Marowijne','Ravaksur',
                                  'Anton de Kom Universiteit van Suriname','Traditioneel gezag Saamaka',
                                  'Kamer van Koophandel en Fabrieken',NULL] AS orgs,
                            ARRAY['Directeur','Voorzitter','Ambassadeur','Districtscommissaris','Secretaris',
                                  'Kapitein','Hoogleraar',NULL] AS positions)
                        INSERT INTO guests (full_name, honorific, organisation, position, phone, created_at, created_by)
                        SELECT n.given[1 + i % array_length(n.given, 1)] || ' '
                                   || n.family[1 + (i * 7 + i / 30) % array_length(n.family, 1)],
                               CASE WHEN i % 2 = 0 THEN 'Dhr.' ELSE 'Mevr.' END,
                               n.orgs[1 + (i / 3) % array_length(n.orgs, 1)],
                               n.positions[1 + (i / 5) % array_length(n.positions, 1)],
                               '+597 8' || lpad(((i * 7919) % 1000000)::text, 6, '0'),
                               now() - make_interval(days => (i * 37) % 9000),
                               :secretary
                        FROM generate_series(1, :guests) AS i, n""")
                .param("guests", size.guests())
                .param("secretary", secretary)
                .update();
    }

    /**
     * Slot i lies on weekday (i / perDay) counted back from the anchor week, at 08:00 plus
     * (i % perDay) slots. The future holds scheduled, requested and cancelled appointments, the
     * last hours arrived and completed ones, the past completed, no-show and cancelled ones.
     */
    void appointments(Size size, UUID secretary) {
        owner.sql("""
                        WITH g AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM guests),
                             t AS (SELECT
                                 ARRAY['Kennismakingsgesprek','Voortgang begrotingsuitvoering',
                                       'Beleefdheidsbezoek','Bespreking bilaterale samenwerking',
                                       'Presentatie projectvoorstel','Overleg infrastructuur district',
                                       'Overleg grondenrechten','Presentatie investeringsplan',
                                       'Overleg arbeidsvoorwaarden ambtenaren','Persoonlijk verzoek',
                                       'Voorbereiding Raad van Ministers','Samenwerking onderzoek'] AS subjects,
                                 ARRAY['Kabinet van de Vicepresident, vergaderzaal 1',
                                       'Kabinet van de Vicepresident, vergaderzaal 2','Werkkamer van de Vicepresident',
                                       'Online (videoverbinding)'] AS locations),
                             slot AS (
                                 SELECT i,
                                        ((CAST(:anchor AS date) - 7 * ((i / :perDay) / 5) + (i / :perDay) % 5)
                                            + time '08:00' + make_interval(mins => (i % :perDay) * :slotMinutes))
                                            AT TIME ZONE 'America/Paramaribo' AS starts_at,
                                        (abs(hashint4(i)::bigint) % 100)::int AS r
                                 FROM generate_series(0, :total - 1) AS i),
                             x AS (
                                 SELECT slot.*,
                                        CASE
                                            WHEN starts_at > now() THEN CASE WHEN r < 70 THEN 'scheduled'
                                                                             WHEN r < 88 THEN 'requested'
                                                                             ELSE 'cancelled' END
                                            WHEN starts_at > now() - interval '8 hours'
                                                THEN CASE WHEN r < 60 THEN 'arrived' ELSE 'completed' END
                                            WHEN r < 78 THEN 'completed'
                                            WHEN r < 85 THEN 'no_show'
                                            ELSE 'cancelled'
                                        END AS status
                                 FROM slot)
                        INSERT INTO appointments (guest_id, subject, location, starts_at, ends_at, status,
                                                  status_reason, checked_in_at, created_at, created_by, updated_at)
                        SELECT g.ids[1 + (abs(hashint4(x.i + 17)::bigint) % g.n)::int],
                               t.subjects[1 + x.i % array_length(t.subjects, 1)],
                               t.locations[1 + (x.i / 3) % array_length(t.locations, 1)],
                               x.starts_at,
                               x.starts_at + make_interval(mins => :slotMinutes),
                               CAST(x.status AS appointment_status),
                               CASE WHEN x.status = 'cancelled' THEN 'Verzet op verzoek van de gast.' END,
                               CASE WHEN x.status = 'arrived' OR (x.status = 'completed' AND x.r % 2 = 0)
                                    THEN x.starts_at - interval '5 minutes' END,
                               least(now(), x.starts_at - interval '14 days'),
                               :secretary,
                               least(now(), x.starts_at + interval '1 hour')
                        FROM x, g, t""")
                .param("anchor", size.anchorMonday())
                .param("perDay", size.perDay())
                .param("slotMinutes", size.slotMinutes())
                .param("total", size.appointments())
                .param("secretary", secretary)
                .update();
    }

    /**
     * Cases: most opened after an appointment that took place, the rest for a guest or on the
     * office's own initiative; older ones mostly closed. References are numbered per year of
     * opening, as the database numbers them, and the counters continue from there. The
     * reference trigger is bypassed for this load only (session_replication_role), since it
     * numbers by the current year.
     */
    void cases(Size size, UUID secretary, UUID vp) {
        owner.sql("SET session_replication_role = replica").update();
        try {
            owner.sql("""
                            WITH done AS (
                                     SELECT id, guest_id, starts_at,
                                            row_number() OVER (ORDER BY starts_at, id) AS n,
                                            count(*) OVER () AS total
                                     FROM appointments WHERE status = 'completed'),
                                 g AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM guests),
                                 span AS (SELECT min(starts_at) AS first FROM appointments),
                                 from_appointments AS (
                                     SELECT id AS appointment_id, guest_id, starts_at + interval '2 hours' AS created_at
                                     FROM done WHERE n % greatest(1, total / :fromAppointments) = 0
                                     ORDER BY n LIMIT :fromAppointments),
                                 others AS (
                                     SELECT NULL::uuid AS appointment_id,
                                            CASE WHEN i % 3 = 0 THEN NULL ELSE g.ids[1 + (abs(hashint4(i)::bigint) % g.n)::int] END
                                                AS guest_id,
                                            least(now() - interval '1 hour',
                                                  span.first + (now() - span.first) * (i::float8 / :others))
                                                AS created_at
                                     FROM generate_series(1, :others) AS i, g, span),
                                 src AS (
                                     SELECT s.*, (abs(hashint8(extract(epoch FROM s.created_at)::bigint)::bigint) % 100)::int AS r,
                                            row_number() OVER (ORDER BY s.created_at) AS k
                                     FROM (SELECT * FROM from_appointments UNION ALL SELECT * FROM others) s),
                                 c AS (
                                     SELECT src.*,
                                            extract(year FROM created_at AT TIME ZONE 'America/Paramaribo')::int AS y,
                                            CASE
                                                WHEN created_at < now() - interval '1 year'
                                                    THEN CASE WHEN r < 97 THEN 'closed'
                                                              WHEN r < 99 THEN 'in_progress' ELSE 'open' END
                                                ELSE CASE WHEN r < 50 THEN 'closed'
                                                          WHEN r < 75 THEN 'in_progress' ELSE 'open' END
                                            END AS state
                                     FROM src)
                            INSERT INTO cases (reference, title, description, guest_id, appointment_id, priority,
                                               due_date, state, resolution, closed_at, closed_by, created_at,
                                               created_by, updated_at, version)
                            SELECT 'VP-' || c.y || '-'
                                       || lpad(row_number() OVER (PARTITION BY c.y ORDER BY c.created_at, c.k)::text,
                                               4, '0'),
                                   (ARRAY['Subsidie voor het buurthuis','Wegenonderhoud in het district',
                                          'Drinkwatervoorziening','Grondenrechten van het dorp',
                                          'Samenwerkingsovereenkomst','Stroomvoorziening',
                                          'Studiefinanciering','Herstel van de steiger'])[1 + c.k % 8]
                                       || ' ' || c.k,
                                   'Naar aanleiding van een gesprek met de Vicepresident.',
                                   c.guest_id, c.appointment_id,
                                   CAST((ARRAY['low','normal','normal','high','urgent'])[1 + c.r % 5] AS case_priority),
                                   CAST(c.created_at + interval '30 days' AS date),
                                   CAST(c.state AS case_state),
                                   CASE WHEN c.state = 'closed' THEN 'Afgehandeld; betrokkene is ingelicht.' END,
                                   CASE WHEN c.state = 'closed'
                                        THEN least(now(), c.created_at + make_interval(days => 3 + c.r % 60)) END,
                                   CASE WHEN c.state = 'closed' THEN CAST(:vp AS uuid) END,
                                   c.created_at, :secretary,
                                   CASE WHEN c.state = 'closed'
                                        THEN least(now(), c.created_at + make_interval(days => 3 + c.r % 60))
                                        ELSE c.created_at END,
                                   CASE WHEN c.state = 'open' THEN 0 ELSE 1 END
                            FROM c""")
                    .param("fromAppointments", size.cases() * 6 / 10)
                    .param("others", size.cases() - size.cases() * 6 / 10)
                    .param("secretary", secretary)
                    .param("vp", vp)
                    .update();
            owner.sql("""
                            INSERT INTO case_reference_counters (year, last_number)
                            SELECT split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
                            FROM cases GROUP BY 1
                            ON CONFLICT (year) DO UPDATE
                                SET last_number = greatest(case_reference_counters.last_number, excluded.last_number)""").update();
        } finally {
            owner.sql("RESET session_replication_role").update();
        }
    }

    /** What autovacuum would do on a live database: statistics and a visibility map. */
    void vacuumAnalyze() {
        for (String table : new String[] {"guests", "appointments", "cases", "users"}) {
            owner.sql("VACUUM (ANALYZE) " + table).update();
        }
    }
}
