package sr.gov.vpflow.demo;

import java.util.List;
import java.util.Random;

/**
 * The kinds of organisations whose people come to see the Vice President, with the positions
 * they hold and what they come about. Names are plausible, not a directory.
 */
final class Organisations {

    /** One kind of visitor: where they work, what they are, what they come for. */
    record Kind(
            String code,
            int weight,
            List<String> organisations,
            List<String> positions,
            List<String> subjects,
            List<String> matters) {}

    static final List<String> PLACES = List.of(
            "Latour",
            "Wanica",
            "Nickerie",
            "Commewijne",
            "Moengo",
            "Albina",
            "Brokopondo",
            "Lelydorp",
            "Groningen",
            "Totness",
            "Apoera",
            "Atjoni",
            "Pikin Slee",
            "Galibi",
            "Bigi Poika",
            "Kwamalasamutu",
            "Drietabbetje",
            "Paranam",
            "Meerzorg",
            "Onverwacht");

    static final Kind MINISTRY = new Kind(
            "ministry",
            20,
            List.of(
                    "Ministerie van Financiën en Planning",
                    "Ministerie van Buitenlandse Zaken, Internationale Business en Internationale Samenwerking",
                    "Ministerie van Binnenlandse Zaken",
                    "Ministerie van Justitie en Politie",
                    "Ministerie van Defensie",
                    "Ministerie van Onderwijs, Wetenschap en Cultuur",
                    "Ministerie van Volksgezondheid",
                    "Ministerie van Landbouw, Veeteelt en Visserij",
                    "Ministerie van Natuurlijke Hulpbronnen",
                    "Ministerie van Openbare Werken",
                    "Ministerie van Ruimtelijke Ordening en Milieu",
                    "Ministerie van Economische Zaken, Ondernemerschap en Technologische Innovatie",
                    "Ministerie van Sociale Zaken en Volkshuisvesting",
                    "Ministerie van Transport, Communicatie en Toerisme",
                    "Ministerie van Regionale Ontwikkeling en Sport",
                    "Ministerie van Arbeid, Werkgelegenheid en Jeugdzaken"),
            List.of("Minister", "Directeur", "Onderdirecteur", "Beleidsmedewerker", "Hoofd juridische zaken"),
            List.of(
                    "Voortgang begrotingsuitvoering",
                    "Bespreking beleidsnota",
                    "Voorbereiding Raad van Ministers",
                    "Overleg uitvoering meerjarenplan",
                    "Werkoverleg",
                    "Toelichting wetsontwerp"),
            List.of(
                    "Uitvoering meerjarenplan %s",
                    "Begrotingswijziging voor %s",
                    "Wetsontwerp over %s",
                    "Coördinatie hulpverlening na wateroverlast in %s"));

    static final Kind EMBASSY = new Kind(
            "embassy",
            9,
            List.of(
                    "Ambassade van het Koninkrijk der Nederlanden",
                    "Ambassade van de Federatieve Republiek Brazilië",
                    "Ambassade van de Republiek India",
                    "Ambassade van de Volksrepubliek China",
                    "Ambassade van de Republiek Indonesië",
                    "Ambassade van de Verenigde Staten van Amerika",
                    "Ambassade van de Franse Republiek",
                    "Ambassade van de Coöperatieve Republiek Guyana",
                    "Delegatie van de Europese Unie"),
            List.of("Ambassadeur", "Zaakgelastigde", "Eerste secretaris", "Consul", "Attaché"),
            List.of(
                    "Beleefdheidsbezoek",
                    "Bespreking bilaterale samenwerking",
                    "Voorbereiding staatsbezoek",
                    "Overleg ontwikkelingsprogramma",
                    "Afscheidsbezoek"),
            List.of(
                    "Samenwerkingsovereenkomst over %s",
                    "Opvolging bezoek aan %s", "Beurzenprogramma voor studenten uit %s"));

    static final Kind NGO = new Kind(
            "ngo",
            12,
            List.of(
                    "Stichting Buurtwerk Latour",
                    "Stichting Vrouwen in Actie Wanica",
                    "Vereniging van Inheemse Dorpshoofden in Suriname",
                    "Stichting Mangrovekust Coronie",
                    "Stichting Jeugd en Sport Nickerie",
                    "Surinaamse Vereniging voor Mensen met een Beperking",
                    "Stichting Natuurbehoud Binnenland",
                    "Stichting Huiswerkbegeleiding Paramaribo-Noord"),
            List.of("Voorzitter", "Secretaris", "Coördinator", "Penningmeester"),
            List.of(
                    "Presentatie projectvoorstel",
                    "Subsidieaanvraag",
                    "Overleg buurtprogramma",
                    "Uitnodiging jubileumviering"),
            List.of(
                    "Subsidie voor het buurthuis in %s",
                    "Huiswerkklassen in %s",
                    "Bescherming van de mangrove bij %s",
                    "Toegankelijkheid van overheidsgebouwen in %s"));

    static final Kind BUSINESS = new Kind(
            "business",
            12,
            List.of(
                    "Staatsolie Maatschappij Suriname N.V.",
                    "N.V. Energiebedrijven Suriname",
                    "Telecommunicatiebedrijf Suriname",
                    "Hakrinbank N.V.",
                    "De Surinaamsche Bank N.V.",
                    "Kamer van Koophandel en Fabrieken",
                    "Vereniging Surinaams Bedrijfsleven",
                    "Rijstbedrijf Nickerie N.V.",
                    "Houtverwerking Patamacca N.V.",
                    "Bouwbedrijf Kromodimedjo & Zonen N.V."),
            List.of("Algemeen directeur", "Directeur", "Financieel directeur", "Voorzitter"),
            List.of(
                    "Presentatie investeringsplan",
                    "Overleg energievoorziening",
                    "Toelichting jaarverslag",
                    "Kennismakingsgesprek"),
            List.of(
                    "Stroomvoorziening in %s",
                    "Investeringsvoorstel rijstverwerking %s",
                    "Vergunning voor houtkap bij %s",
                    "Glasvezelaansluiting voor scholen in %s"));

    static final Kind DISTRICT = new Kind(
            "district",
            12,
            List.of(
                    "Districtscommissariaat Paramaribo Noord-Oost",
                    "Districtscommissariaat Paramaribo Zuid-West",
                    "Districtscommissariaat Wanica Noord-Midden",
                    "Districtscommissariaat Nickerie",
                    "Districtscommissariaat Commewijne",
                    "Districtscommissariaat Marowijne",
                    "Districtscommissariaat Para",
                    "Districtscommissariaat Saramacca",
                    "Districtscommissariaat Coronie",
                    "Districtscommissariaat Brokopondo",
                    "Districtscommissariaat Sipaliwini"),
            List.of("Districtscommissaris", "Bestuursopzichter", "Bestuursambtenaar"),
            List.of(
                    "Voorbereiding werkbezoek",
                    "Overleg infrastructuur district",
                    "Stand van zaken wegenonderhoud",
                    "Overleg drinkwatervoorziening"),
            List.of(
                    "Wegenonderhoud in %s",
                    "Drinkwatervoorziening in %s", "Herstel van de steiger in %s", "Markthal in %s"));

    static final Kind UNION = new Kind(
            "union",
            5,
            List.of(
                    "Ravaksur",
                    "Vakcentrale C-47",
                    "Algemeen Verbond van Vakverenigingen in Suriname De Moederbond",
                    "Centrale van Landsdienaren Organisaties",
                    "Bond van Leraren"),
            List.of("Voorzitter", "Secretaris", "Bestuurslid"),
            List.of("Overleg arbeidsvoorwaarden ambtenaren", "Overleg cao-onderhandelingen", "Sociaal overleg"),
            List.of("Koopkrachtversterking voor ambtenaren in %s", "Arbeidsomstandigheden van leerkrachten in %s"));

    static final Kind UNIVERSITY = new Kind(
            "university",
            5,
            List.of(
                    "Anton de Kom Universiteit van Suriname",
                    "Anton de Kom Universiteit van Suriname, Faculteit der Medische Wetenschappen",
                    "Anton de Kom Universiteit van Suriname, Faculteit der Technologische Wetenschappen",
                    "Anton de Kom Universiteit van Suriname, Instituut voor Maatschappijwetenschappelijk Onderzoek"),
            List.of("Rector magnificus", "Decaan", "Hoogleraar", "Onderzoeker"),
            List.of("Samenwerking onderzoek", "Uitnodiging diploma-uitreiking", "Presentatie onderzoeksresultaten"),
            List.of("Onderzoek naar armoede in %s", "Stageplaatsen voor studenten in %s"));

    static final Kind TRADITIONAL = new Kind(
            "traditional",
            6,
            List.of(
                    "Traditioneel gezag Saamaka",
                    "Traditioneel gezag Okanisi",
                    "Traditioneel gezag Matawai",
                    "Dorpsbestuur Galibi",
                    "Dorpsbestuur Bigi Poika"),
            List.of("Kapitein", "Hoofdkapitein", "Basja", "Dorpshoofd"),
            List.of("Overleg grondenrechten", "Ontwikkeling binnenland", "Verzoek om werkbezoek aan het dorp"),
            List.of(
                    "Grondenrechten van het dorp %s",
                    "Zonnepanelen voor de kliniek in %s", "Schoolvervoer over de rivier bij %s"));

    static final Kind CITIZEN = new Kind(
            "citizen",
            9,
            List.of(),
            List.of(),
            List.of("Persoonlijk verzoek", "Verzoek om ondersteuning", "Klacht over dienstverlening"),
            List.of(
                    "Verzoek om bijstand na brand in %s",
                    "Klacht over de afhandeling van een grondaanvraag in %s",
                    "Studiefinanciering voor een student uit %s"));

    static final List<Kind> KINDS =
            List.of(MINISTRY, EMBASSY, NGO, BUSINESS, DISTRICT, UNION, UNIVERSITY, TRADITIONAL, CITIZEN);

    /** The staff of each embassy, in the same order as {@code EMBASSY.organisations()}; "*" marks a woman. */
    static final List<List<String>> EMBASSY_STAFF = List.of(
            List.of("Jan-Willem de Groot", "*Marieke van der Linden", "Sander Bakker", "*Femke Visser"),
            List.of("João Pereira da Silva", "*Ana Cláudia Souza", "Marcos Ribeiro"),
            List.of("Rakesh Kumar Sharma", "*Meera Iyer", "Arvind Menon"),
            List.of("Zhang Wei", "*Liu Yang", "*Chen Jing"),
            List.of("Bambang Hartono", "*Ratih Pratiwi", "Agus Setiawan"),
            List.of("Robert Mitchell", "*Karen Lewis", "David Ortega"),
            List.of("Étienne Moreau", "*Céline Dubois", "François Lefèvre"),
            List.of("Rohan Persaud", "*Shonette Williams", "Devon Fraser"),
            List.of("*Katarzyna Nowak", "Luís Almeida", "*Ingrid Johansson"));

    static final List<String> LOCATIONS = List.of(
            "Kabinet van de Vicepresident, vergaderzaal 1",
            "Kabinet van de Vicepresident, vergaderzaal 2",
            "Werkkamer van de Vicepresident",
            "Presidentieel Paleis, Onafhankelijkheidsplein",
            "Online (videoverbinding)");

    private static final int TOTAL_WEIGHT =
            KINDS.stream().mapToInt(Kind::weight).sum();

    private Organisations() {}

    static Kind kind(Random random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Kind k : KINDS) {
            pick -= k.weight();
            if (pick < 0) {
                return k;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }
}
