package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import sr.gov.vpflow.appointments.Slots;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * A secretary's day: register a guest, find the guest again without typing the accent, book an
 * appointment and see it in the week agenda; in Dutch and in English.
 */
class GuestsAndAgendaBrowserIT extends BrowserTest {

    @Test
    void inDutchASecretaryRegistersFindsAndBooksAGuestAndSeesTheAgenda() {
        Account secretary = accounts.create(Role.SECRETARY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Anjali Séwdien " + tag;
        signIn(secretary);

        open("/guests/new");
        assertThat(text(By.tagName("h1"))).isEqualTo("Gast registreren");
        browser.findElement(By.id("fullName")).sendKeys(name);
        browser.findElement(By.id("honorific")).sendKeys("Mevr.");
        browser.findElement(By.id("organisation")).sendKeys("Ministerie van Financiën en Planning");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("guest-name"))).isEqualTo("Mevr. " + name);
        assertThat(text(By.cssSelector(".alert.info"))).isEqualTo("De gast is geregistreerd.");

        open("/guests");
        browser.findElement(By.id("guest-q")).sendKeys("SEWDIEN " + tag);
        waitFor(By.cssSelector("#guest-results [data-query='SEWDIEN " + tag + "']"));
        assertThat(browser.findElements(By.cssSelector("#guest-results .guest-link")))
                .extracting(WebElement::getText)
                .containsExactly("Mevr. " + name);
        browser.findElement(By.linkText("Mevr. " + name)).click();
        waitFor(By.id("guest-name"));
        waitFor(By.linkText("Afspraak maken")).click();

        Slot slot = Slots.future();
        waitFor(By.id("subject")).sendKeys("Kennismaking " + tag);
        assertThat(browser.findElement(By.cssSelector("#guest-options input[type=radio]:checked"))
                        .getAttribute("value"))
                .isNotBlank();
        setTime(slot);
        browser.findElement(By.id("location")).sendKeys("Kabinet, zaal 2");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("appointment-subject"))).isEqualTo("Kennismaking " + tag);
        assertThat(text(By.id("notice"))).isEqualTo("De afspraak is vastgelegd.");
        assertThat(text(By.id("appointment-status"))).isEqualTo("Gepland");
        assertThat(text(By.id("appointment-time"))).contains("10:00–11:00");

        open("/agenda?date=" + slot.start().toLocalDate());
        assertThat(text(By.id("agenda-period"))).startsWith("Week van");
        WebElement item =
                waitFor(By.xpath("//li[contains(@class,'agenda-item')][contains(., 'Kennismaking " + tag + "')]"));
        assertThat(item.getText())
                .contains("10:00–11:00")
                .contains("Mevr. " + name)
                .contains("Gepland");
        String weekday = browser.findElement(
                        By.xpath("//li[contains(., 'Kennismaking " + tag + "')]/ancestor::section/h3"))
                .getText();
        assertThat(weekday.toLowerCase()).contains(dutchWeekday(slot));

        // booking the same hour again is refused in words, with the way to the appointment that holds it
        open("/appointments/new?date=" + slot.start().toLocalDate());
        waitFor(By.id("guest-search")).sendKeys(tag);
        waitFor(By.cssSelector("#guest-options [data-query='" + tag + "'] label"))
                .click();
        browser.findElement(By.id("subject")).sendKeys("Dubbel geboekt " + tag);
        setTime(slot);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("form-error")))
                .contains("botst met de afspraak \"Kennismaking " + tag + "\"")
                .contains("van 10:00 tot 11:00");
        browser.findElement(By.id("conflict-link")).click();
        assertThat(text(By.id("appointment-subject"))).isEqualTo("Kennismaking " + tag);

        // the guest's page lists the appointment
        browser.findElement(By.linkText("Mevr. " + name)).click();
        assertThat(waitFor(By.cssSelector("#guest-appointments table")).getText())
                .contains("Kennismaking " + tag);
    }

    @Test
    void inEnglishASecretaryBooksThroughTheGuestSearchAndSeesTheWeek() {
        Account secretary = accounts.create(Role.SECRETARY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        signIn(secretary);
        open("/guests/new?lang=en");
        assertThat(text(By.tagName("h1"))).isEqualTo("Register a guest");
        browser.findElement(By.id("fullName")).sendKeys("Rajiv Ramdïn " + tag);
        browser.findElement(By.id("organisation")).sendKeys("Centrale Bank van Suriname");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.cssSelector(".alert.info"))).isEqualTo("The guest has been registered.");

        open("/guests");
        browser.findElement(By.id("guest-q")).sendKeys("ramdin " + tag);
        waitFor(By.cssSelector("#guest-results [data-query='ramdin " + tag + "']"));
        assertThat(browser.findElements(By.cssSelector("#guest-results .guest-link")))
                .extracting(WebElement::getText)
                .containsExactly("Rajiv Ramdïn " + tag);

        open("/appointments/new");
        assertThat(text(By.tagName("h1"))).isEqualTo("Book an appointment");
        waitFor(By.id("guest-search")).sendKeys("RAMDIN " + tag);
        waitFor(By.cssSelector("#guest-options [data-query='RAMDIN " + tag + "'] label"))
                .click();
        assertThat(browser.findElement(By.cssSelector("#guest-options input:checked"))
                        .isSelected())
                .isTrue();
        browser.findElement(By.id("subject")).sendKeys("Monetary policy " + tag);
        Slot slot = Slots.future();
        setTime(slot);
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(text(By.id("notice"))).isEqualTo("The appointment has been booked.");
        assertThat(text(By.id("appointment-status"))).isEqualTo("Scheduled");

        open("/agenda?view=week&date=" + slot.start().toLocalDate());
        assertThat(text(By.id("agenda-period"))).startsWith("Week of");
        WebElement item =
                waitFor(By.xpath("//li[contains(@class,'agenda-item')][contains(., 'Monetary policy " + tag + "')]"));
        assertThat(item.getText())
                .contains("10:00–11:00")
                .contains("Rajiv Ramdïn " + tag)
                .contains("Scheduled");
        assertThat(browser.findElements(By.cssSelector(".agenda-week .agenda-column")))
                .hasSize(7);

        browser.findElement(By.linkText("Day")).click();
        waitFor(By.cssSelector(".agenda-day"));
        assertThat(text(By.cssSelector(".agenda-day"))).contains("Monetary policy " + tag);
        // the print button works only with the page's script, which shows it
        assertThat(browser.findElement(By.cssSelector("button[data-print]")).isDisplayed())
                .isTrue();
        assertThat(browser.findElement(By.id("agenda-pdf")).getAttribute("href"))
                .endsWith("/agenda.pdf?view=day&date=" + slot.start().toLocalDate());
    }

    /** Date and time fields take their value as the browser would send it; typing into them depends on the browser's locale. */
    private void setTime(Slot slot) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(
                "document.getElementById('date').value = arguments[0];"
                        + "document.getElementById('start').value = arguments[1];"
                        + "document.getElementById('end').value = arguments[2];",
                slot.start().toLocalDate().toString(),
                slot.start().toLocalTime().toString(),
                slot.end().toLocalTime().toString());
    }

    private static String dutchWeekday(Slot slot) {
        return slot.start()
                .getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.forLanguageTag("nl"));
    }
}
