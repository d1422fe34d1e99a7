package sr.gov.vpflow.demo;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.NewGuest;

/** Registers the guests of the demo office through the guest service, as the secretary does. */
final class DemoGuests {

    /** A demo guest, the kind of visitor it is, and its id once it is registered. */
    static final class Guest {
        private final Organisations.Kind kind;
        private final NewGuest details;
        private UUID id;
        private Instant registeredAt;

        private Guest(Organisations.Kind kind, NewGuest details) {
            this.kind = kind;
            this.details = details;
        }

        UUID id() {
            if (id == null) {
                throw new IllegalStateException("the demo guest " + details.fullName() + " is not registered yet");
            }
            return id;
        }

        Organisations.Kind kind() {
            return kind;
        }

        String organisation() {
            return details.organisation();
        }

        String fullName() {
            return details.fullName();
        }

        /** When the secretary registers the guest (planned before the guest's first appointment). */
        Instant registeredAt() {
            return registeredAt;
        }
    }

    private static final Set<String> NOT_IN_DOMAIN = Set.of(
            "van",
            "de",
            "het",
            "der",
            "en",
            "ministerie",
            "ambassade",
            "stichting",
            "vereniging",
            "n.v.",
            "nv",
            "republiek",
            "federatieve",
            "cooperatieve",
            "franse",
            "districtscommissariaat",
            "traditioneel",
            "gezag",
            "voor",
            "in",
            "met",
            "een",
            "&",
            "zonen");

    private static final List<String> NOTES = List.of(
            "Spreekt ook Sranantongo en Sarnami.",
            "Voorkeur voor afspraken in de ochtend.",
            "Komt met een tolk (Saramaccaans).",
            "Een rolstoeltoegankelijke zaal reserveren.",
            "Contact loopt via het secretariaat van de organisatie.",
            "Stuurt stukken vooraf per e-mail.");

    private final GuestService guests;
    private final Random random;

    DemoGuests(GuestService guests, Random random) {
        this.guests = guests;
        this.random = random;
    }

    /** Who the office's guests are; they are registered by {@link #register}. */
    List<Guest> plan(int count) {
        List<Guest> planned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Organisations.Kind kind = Organisations.kind(random);
            planned.add(new Guest(kind, newGuest(kind)));
        }
        return planned;
    }

    /**
     * Plans each guest's registration: some time before the first step that needs the guest
     * (its first booking), or on some day of the weeks the demo covers.
     */
    void register(List<Guest> planned, java.util.Map<Guest, Instant> firstNeeded, Timeline timeline, Instant since) {
        Instant lastDay = timeline.now().minus(Duration.ofDays(1));
        for (Guest g : planned) {
            Instant needed = firstNeeded.get(g);
            Instant at = needed == null
                    ? timeline.between(since, lastDay)
                    : timeline.between(needed.minus(Duration.ofDays(5)), needed.minus(Duration.ofMinutes(20)));
            g.registeredAt = timeline.at(at, Timeline.Who.SECRETARY, () -> {
                g.id = guests.create(g.details).id();
            });
        }
    }

    private NewGuest newGuest(Organisations.Kind kind) {
        String organisation = null;
        String position = null;
        People.Person person;
        if (kind == Organisations.CITIZEN) {
            person = People.person(random);
        } else {
            int index = random.nextInt(kind.organisations().size());
            organisation = kind.organisations().get(index);
            position = People.pick(random, kind.positions());
            if (kind == Organisations.EMBASSY) {
                person = People.foreign(random, Organisations.EMBASSY_STAFF.get(index));
            } else if (kind == Organisations.TRADITIONAL) {
                person = People.person(random, People.COMMUNITIES.get(index < 3 ? 1 : 5));
            } else {
                person = People.person(random);
            }
        }
        return new NewGuest(
                person.fullName(),
                honorific(kind, position, person),
                organisation,
                position,
                random.nextInt(10) < 6 ? email(person, organisation) : null,
                random.nextInt(10) < 8 ? phone() : null,
                random.nextInt(10) == 0 ? People.pick(random, NOTES) : null);
    }

    private String honorific(Organisations.Kind kind, String position, People.Person person) {
        if ("Ambassadeur".equals(position)) {
            return person.woman() ? "H.E." : "Z.E.";
        }
        if ("Hoogleraar".equals(position) || "Rector magnificus".equals(position)) {
            return "Prof. dr.";
        }
        if ("Decaan".equals(position) || "Onderzoeker".equals(position)) {
            return "Dr.";
        }
        if (kind != Organisations.CITIZEN && kind != Organisations.TRADITIONAL && random.nextInt(6) == 0) {
            return People.pick(random, List.of("Drs.", "Mr.", "Ir.", "Dr."));
        }
        return person.honorific();
    }

    private static String email(People.Person person, String organisation) {
        String local =
                plain(person.given()).charAt(0) + "." + plain(person.family()).replace(" ", "");
        return local + "@" + domain(organisation);
    }

    /** A domain under .example (reserved, so no real mailbox is ever written to). */
    private static String domain(String organisation) {
        if (organisation == null) {
            return "mail.example";
        }
        List<String> words = new ArrayList<>();
        for (String word : plain(organisation).split("[\\s,]+")) {
            if (!word.isEmpty() && !NOT_IN_DOMAIN.contains(word) && words.size() < 2) {
                words.add(word.replaceAll("[^a-z0-9-]", ""));
            }
        }
        return String.join("-", words) + ".example";
    }

    private static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    /** A Surinamese number: mobile (7 digits from 7 or 8) or a landline in Paramaribo (6 digits from 4). */
    private String phone() {
        if (random.nextInt(3) == 0) {
            return String.format(Locale.ROOT, "+597 4%02d-%03d", random.nextInt(100), random.nextInt(1000));
        }
        return String.format(
                Locale.ROOT, "+597 %d%02d-%04d", 7 + random.nextInt(2), random.nextInt(100), random.nextInt(10000));
    }
}
