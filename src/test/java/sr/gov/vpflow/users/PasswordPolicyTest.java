package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void refusesWhatAnAttackerGuessesFirstAndSaysWhy() {
        assertRefused("qwerty123456", "common password");
        assertRefused("abcdabcdabcd", "Repeats like");
        assertRefused("vpflowvpflow", "common password");
        assertRefused("welkom123456", "common password");
        assertRefused("Paramaribo2026!", "guessed too soon");
        assertRefused("passwordpassword", "guessed too soon");
        assertRefused("administrator", "guessed too soon");
        assertRefused("correct horse battery staple", "guessed too soon");
        assertRefused("kort", "at least 12 characters");
        assertRefused("anjali-sewdien-2026", "contains the username");
    }

    @Test
    void acceptsLongUnlikelyPasswords() {
        for (String good : new String[] {
            "Lang-genoeg-wachtwoord-42", "Kantoor-van-de-VP-2026", "pinda bami moksi alesi kaaiman", "t7#Qm2!vX9zL"
        }) {
            assertThatCode(() -> PasswordPolicy.check(good, "anjali")).as(good).doesNotThrowAnyException();
        }
    }

    private static void assertRefused(String password, String why) {
        assertThatThrownBy(() -> PasswordPolicy.check(password, "anjali-sewdien"))
                .as(password)
                .isInstanceOf(UserException.class)
                .hasMessageContaining("too weak")
                .hasMessageContaining(why);
    }
}
