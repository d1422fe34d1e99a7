package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import sr.gov.vpflow.appointments.Slots;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * A matter from beginning to end: the secretary registers a guest, books the appointment and
 * opens a case from it; the Vice President finds the case and closes it. In Dutch and in English.
 */
class OfficeDayBrowserIT extends BrowserTest {

    /** The words of the pages in one language. */
    record Words(
            String registerGuest,
            String guestRegistered,
            String book,
            String booked,
            String scheduled,
            String openCaseFromAppointment,
            String newCase,
            String open,
            String closed,
            String opened,
            String closedEvent,
            String noticeClosed) {}

    static final Words DUTCH = new Words(
            "Gast registreren",
            "De gast is geregistreerd.",
            "Afspraak maken",
            "De afspraak is vastgelegd.",
            "Gepland",
            "Zaak openen vanuit deze afspraak",
            "Nieuwe zaak openen",
            "Open",
            "Gesloten",
            "Zaak %s geopend",
            "Zaak %s gesloten",
            "Zaak %s is gesloten.");
    static final Words ENGLISH = new Words(
            "Register a guest",
            "The guest has been registered.",
            "Book an appointment",
            "The appointment has been booked.",
            "Scheduled",
            "Open a case from this appointment",
            "Open a new case",
            "Open",
            "Closed",
            "Case %s opened",
            "Case %s closed",
            "Case %s has been closed.");

    @Test
    void inDutchTheSecretaryCarriesAMatterFromGuestToCaseAndTheVpClosesIt() {
        fromGuestToClosedCase(DUTCH, "Kwasi Aboikoni", "Kapitein", "Grondenrechten van het dorp Pikin Slee");
    }

    @Test
    void inEnglishTheSecretaryCarriesAMatterFromGuestToCaseAndTheVpClosesIt() {
        open("/login?lang=en");
        fromGuestToClosedCase(ENGLISH, "Sunita Ramkhelawan", "Voorzitter", "Homework classes in Latour");
    }

    private void fromGuestToClosedCase(Words words, String guestName, String position, String title) {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = guestName + " " + tag;
        String subject = "Overleg " + tag;
        String resolution = "Toegekend; betrokkene wordt per brief ingelicht.";

        // the secretary registers the guest
        signIn(secretary);
        open("/guests/new");
        assertThat(text(By.tagName("h1"))).isEqualTo(words.registerGuest());
        browser.findElement(By.id("fullName")).sendKeys(name);
        browser.findElement(By.id("honorific")).sendKeys("Dhr.");
        browser.findElement(By.id("organisation")).sendKeys("Stichting Huiswerkbegeleiding Paramaribo-Noord");
        browser.findElement(By.id("position")).sendKeys(position);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("guest-name"))).isEqualTo("Dhr. " + name);
        assertThat(text(By.cssSelector(".alert.info"))).isEqualTo(words.guestRegistered());

        // books an appointment for that guest from the guest's page
        waitFor(By.linkText(words.book())).click();
        Slot slot = Slots.future();
        waitFor(By.id("subject")).sendKeys(subject);
        assertThat(browser.findElement(By.cssSelector("#guest-options input[type=radio]:checked"))
                        .getAttribute("value"))
                .isNotBlank();
        setTime(slot);
        browser.findElement(By.id("location")).sendKeys("Kabinet van de Vicepresident, vergaderzaal 1");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("appointment-subject"))).isEqualTo(subject);
        assertThat(text(By.id("notice"))).isEqualTo(words.booked());
        assertThat(text(By.id("appointment-status"))).isEqualTo(words.scheduled());

        // opens a case from the appointment: the form knows the appointment and its guest
        waitFor(By.linkText(words.openCaseFromAppointment())).click();
        assertThat(text(By.tagName("h1"))).isEqualTo(words.newCase());
        assertThat(new Select(browser.findElement(By.id("appointment_id")))
                        .getFirstSelectedOption()
                        .getText())
                .contains(subject)
                .contains(name);
        assertThat(new Select(browser.findElement(By.id("guest_id")))
                        .getFirstSelectedOption()
                        .getText())
                .contains(name);
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("description")).sendKeys("Besproken tijdens het overleg.");
        new Select(browser.findElement(By.id("priority"))).selectByValue("high");
        browser.findElement(By.id("save-case")).click();

        String reference = text(By.id("case-reference"));
        assertThat(reference).matches("VP-\\d{4}-\\d{4,}");
        assertThat(text(By.id("case-title"))).isEqualTo(title);
        assertThat(text(By.id("case-state"))).isEqualTo(words.open());
        assertThat(text(By.cssSelector(".facts"))).contains(name).contains(subject);
        assertThat(browser.findElements(By.id("close-case"))).isEmpty();
        signOut();

        // the Vice President finds the case and closes it with a resolution
        signIn(vp);
        open("/cases");
        waitFor(By.id("case-q")).sendKeys(reference);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#case-results tr.case-row"), 1));
        waitFor(By.linkText(reference)).click();
        waitFor(By.id("resolution")).sendKeys(resolution);
        browser.findElement(By.id("close-case")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), words.closed()));
        assertThat(text(By.id("notice"))).isEqualTo(words.noticeClosed().formatted(reference));
        assertThat(text(By.id("case-resolution"))).isEqualTo(resolution);
        assertThat(text(By.cssSelector(".facts"))).contains(vp.displayName());

        // the history names both people
        List<WebElement> events = browser.findElements(By.cssSelector(".timeline .event"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getText())
                .contains(words.opened().formatted(reference))
                .contains(secretary.displayName());
        assertThat(events.get(1).getText())
                .contains(words.closedEvent().formatted(reference))
                .contains(vp.displayName())
                .contains(resolution);
    }

    /** Date and time fields take their value as the browser would send it; typing into them depends on the browser's locale. */
    private void setTime(Slot slot) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "document.getElementById('date').value = arguments[0];"
                                + "document.getElementById('start').value = arguments[1];"
                                + "document.getElementById('end').value = arguments[2];",
                        slot.start().toLocalDate().toString(),
                        slot.start().toLocalTime().toString(),
                        slot.end().toLocalTime().toString());
    }
}
