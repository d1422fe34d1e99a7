package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * A secretary's morning from the Today page: the guest of the first appointment arrives and is
 * checked in from the page, shows among the guests waiting, and a case due tomorrow gets a note.
 */
class MorningBrowserIT extends BrowserTest {

    @Test
    void aSecretaryStartsTheDayFromTheTodayPage() {
        Account secretary = accounts.create(Role.SECRETARY);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Response guest = api.post("/api/v1/guests", secretary, Map.of("full_name", "Mevrouw Ochtend " + tag));
        assertThat(guest.status()).isEqualTo(201);
        UUID guestId = UUID.fromString(guest.json().get("id").asString());
        // booked earlier for this morning (the application books nothing in the past, so as the owner)
        LocalDate today = OfficeTime.today(java.time.Clock.systemUTC());
        OffsetDateTime start = today.atTime(LocalTime.of(5, 0))
                .atZone(OfficeTime.ZONE)
                .toOffsetDateTime()
                .plusMinutes(Math.floorMod(tag.hashCode(), 120));
        String subject = "Ochtendoverleg " + tag;
        UUID appointment = owner().sql("INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)"
                        + " VALUES (:g, :s, :start, :end, 'scheduled') RETURNING id")
                .param("g", guestId)
                .param("s", subject)
                .param("start", start)
                .param("end", start.plusMinutes(1))
                .query(UUID.class)
                .single();
        Response kase =
                api.post("/api/v1/cases", secretary, Map.of("title", "Aanvraag " + tag, "due_in_working_days", 1));
        assertThat(kase.status()).as(kase.toString()).isEqualTo(201);
        String caseId = kase.json().get("id").asString();

        signIn(secretary);
        open("/");
        WebElement item = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@id='today-appointments']//li[.//a[contains(., '" + subject + "')]]")));
        item.findElement(By.xpath(".//button[normalize-space(.)='Aangekomen']")).click();
        wait.until(ExpectedConditions.urlContains("/appointments/" + appointment));

        open("/");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@id='today-waiting']//a[contains(., '" + subject + "')]")));
        WebElement due = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[@id='today-due']//a[contains(@href, '" + caseId + "')]")));
        assertThat(due.findElement(By.xpath("./ancestor::li")).getText()).contains("nog 1 werkdag");
        due.click();
        waitFor(By.id("note-text")).sendKeys("Betrokkene gebeld " + tag);
        browser.findElement(By.id("add-note")).click();
        waitFor(By.id("notice"));
        assertThat(browser.getPageSource()).contains("Betrokkene gebeld " + tag);
        assertThat(owner().sql("SELECT status::text FROM appointments WHERE id = :id")
                        .param("id", appointment)
                        .query(String.class)
                        .single())
                .isEqualTo("arrived");
    }
}
