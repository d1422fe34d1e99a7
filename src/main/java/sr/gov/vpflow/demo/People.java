package sr.gov.vpflow.demo;

import java.util.List;
import java.util.Random;

/**
 * Names as they are found in Suriname, by the families they come from. Invented combinations;
 * any likeness to a real person is chance.
 */
final class People {

    /** Given names by gender and the family names of one group. */
    record Community(String name, int weight, List<String> women, List<String> men, List<String> families) {}

    /** A person's name with the honorific the office would use. */
    record Person(String fullName, String honorific, boolean woman, String given, String family) {}

    static final List<Community> COMMUNITIES = List.of(
            new Community(
                    "hindustani",
                    27,
                    List.of(
                            "Anjali",
                            "Priya",
                            "Sunita",
                            "Kavita",
                            "Sharmila",
                            "Reshma",
                            "Shanti",
                            "Devika",
                            "Indira",
                            "Sangeeta",
                            "Chandrika",
                            "Soenita",
                            "Asha",
                            "Nisha",
                            "Radha",
                            "Séwkoemarie"),
                    List.of(
                            "Rajiv",
                            "Ravi",
                            "Vikash",
                            "Navin",
                            "Suresh",
                            "Radjesh",
                            "Ashwin",
                            "Dinesh",
                            "Anand",
                            "Ramesh",
                            "Krishna",
                            "Soerendre",
                            "Mahinder",
                            "Kiran",
                            "Chandrikapersad",
                            "Rabindre"),
                    List.of(
                            "Séwdien",
                            "Ramdin",
                            "Jagessar",
                            "Ramkhelawan",
                            "Mahabier",
                            "Bhagwandin",
                            "Ramsaran",
                            "Sital",
                            "Kalpoe",
                            "Ramautar",
                            "Persaud",
                            "Baldewsingh",
                            "Debi",
                            "Gopal",
                            "Rambaran",
                            "Ramlal",
                            "Soekhai",
                            "Chotkan",
                            "Ganpat",
                            "Bissessar",
                            "Jairam",
                            "Raghoebarsing",
                            "Mungra",
                            "Tewari",
                            "Oemrawsingh",
                            "Algoe",
                            "Sardjoe",
                            "Ramjiawan",
                            "Kisoensingh",
                            "Sewnath",
                            "Hindori",
                            "Jhinkoe")),
            new Community(
                    "maroon",
                    20,
                    List.of("Akoeba", "Adjoeba", "Amba", "Yaba", "Afi", "Abeni", "Sonja", "Marlène", "Ellen", "Betsy"),
                    List.of(
                            "Kwasi", "Kodjo", "Kwamina", "Kofi", "Yaw", "Kwami", "Edgar", "Frits", "Rudi", "Ronnie",
                            "Otmar"),
                    List.of(
                            "Aboikoni",
                            "Aloeboetoe",
                            "Doekoe",
                            "Adjako",
                            "Amoida",
                            "Pansa",
                            "Linga",
                            "Kwasie",
                            "Asaiti",
                            "Pinas",
                            "Amania",
                            "Koese",
                            "Abaisa",
                            "Eduards",
                            "Misidjan",
                            "Poeketi")),
            new Community(
                    "creole",
                    18,
                    List.of(
                            "Ruth",
                            "Gracia",
                            "Jennifer",
                            "Carla",
                            "Sharon",
                            "Ingrid",
                            "Gerda",
                            "Marijke",
                            "Sylvana",
                            "Judith",
                            "Désirée",
                            "Hélène",
                            "Romy",
                            "Naomi",
                            "Cynthia"),
                    List.of(
                            "Marlon",
                            "Ewald",
                            "Rudolf",
                            "Hugo",
                            "Ronald",
                            "Stanley",
                            "Eddy",
                            "Rinaldo",
                            "Romeo",
                            "Clifford",
                            "André",
                            "René",
                            "Errol",
                            "Glenn",
                            "Humphrey"),
                    List.of(
                            "Waterberg",
                            "Vanenburg",
                            "Wijngaarde",
                            "Emanuels",
                            "Kraag",
                            "Doelwijt",
                            "Neede",
                            "Sedney",
                            "Zeefuik",
                            "Plet",
                            "Rozenblad",
                            "Nelom",
                            "Mac Andrew",
                            "Veira",
                            "Kort",
                            "Abrahams",
                            "Samsom",
                            "Hoever",
                            "Gefferie",
                            "Esajas",
                            "Breeveld",
                            "Lont",
                            "Vriesde",
                            "Ooft",
                            "Rustwijk")),
            new Community(
                    "javanese",
                    15,
                    List.of(
                            "Sri",
                            "Siti",
                            "Ratna",
                            "Endang",
                            "Dewi",
                            "Widya",
                            "Soeratmi",
                            "Yvonne",
                            "Tamara",
                            "Ngatini",
                            "Roesmini",
                            "Soekarti"),
                    List.of(
                            "Soeparman",
                            "Soewarto",
                            "Hardjo",
                            "Rabin",
                            "Raymond",
                            "Wirjo",
                            "Karto",
                            "Paimin",
                            "Sarmin",
                            "Djoko",
                            "Wagino",
                            "Soekirno"),
                    List.of(
                            "Kartowidjojo",
                            "Soemita",
                            "Wongsoredjo",
                            "Kromodimedjo",
                            "Pawirodimedjo",
                            "Setrowidjojo",
                            "Sastro",
                            "Atmopawiro",
                            "Dikromo",
                            "Moesiran",
                            "Saridin",
                            "Kartosen",
                            "Tosari",
                            "Wirjosentono",
                            "Amatsarmo",
                            "Paidin",
                            "Soemodihardjo",
                            "Kasanpawiro",
                            "Somohardjo",
                            "Ardjosentono",
                            "Sarmo",
                            "Soekarmo",
                            "Karijoredjo",
                            "Wongsonadi")),
            new Community(
                    "chinese",
                    6,
                    List.of("Sandra", "Melissa", "Linda", "Patricia", "Mei Ling", "Grace", "Cindy", "Jacqueline"),
                    List.of("Michael", "Jason", "Patrick", "Kenneth", "Wei", "Marcel", "Ricardo", "Stephen"),
                    List.of(
                            "Tjon A Joe",
                            "Chin A Lin",
                            "Tjon Kon Fat",
                            "Lie A Ling",
                            "Fung A Wing",
                            "Chin A Sen",
                            "Tjoe Awie",
                            "Ho Sam Sooi",
                            "Kong A Siou",
                            "Liauw",
                            "Loe Sack Sioe",
                            "Tjin A Tsoi",
                            "Chan A Sue",
                            "Tsang")),
            new Community(
                    "indigenous",
                    5,
                    List.of("Carmen", "Loreen", "Silvia", "Jozefina", "Martha", "Monique", "Noëlla"),
                    List.of("Ricardo", "Ernesto", "Theo", "Lloyd", "Max", "Josef", "Grégoire"),
                    List.of(
                            "Sabajo",
                            "Jubithana",
                            "Pané",
                            "Aloema",
                            "Tapoka",
                            "Zaalman",
                            "Kajoeramari",
                            "Artist",
                            "Tawjoeram",
                            "Mandé")),
            new Community(
                    "dutch-surinamese",
                    9,
                    List.of("Anneke", "Marieke", "Lisette", "Monique", "Hélène", "Josephine", "Eveline"),
                    List.of("Johan", "Pieter", "Frank", "Hans", "Wim", "Guillaume", "Maurits"),
                    List.of(
                            "de Miranda",
                            "Fernandes",
                            "van Ommeren",
                            "Boerleider",
                            "Monsanto",
                            "Hoefdraad",
                            "van Dijk",
                            "Rijsdijk",
                            "de Vries",
                            "Kappel",
                            "Vervuurt",
                            "Muller")));

    private static final int TOTAL_WEIGHT =
            COMMUNITIES.stream().mapToInt(Community::weight).sum();

    private People() {}

    static Community community(Random random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Community c : COMMUNITIES) {
            pick -= c.weight();
            if (pick < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    static Person person(Random random) {
        return person(random, community(random));
    }

    static Person person(Random random, Community community) {
        boolean woman = random.nextBoolean();
        String given = pick(random, woman ? community.women() : community.men());
        String family = pick(random, community.families());
        String fullName = given + " " + family;
        return new Person(fullName, woman ? "Mevr." : "Dhr.", woman, given, family);
    }

    /** A name as written in another country, for the staff of an embassy. */
    static Person foreign(Random random, List<String> names) {
        String name = pick(random, names);
        boolean woman = name.startsWith("*");
        String fullName = woman ? name.substring(1) : name;
        int space = fullName.lastIndexOf(' ');
        return new Person(
                fullName, woman ? "Mevr." : "Dhr.", woman, fullName.substring(0, space), fullName.substring(space + 1));
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
