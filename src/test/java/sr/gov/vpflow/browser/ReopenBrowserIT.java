package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The Vice President re-opens a closed case with a reason, the case is edited while re-opened
 * (by a secretary too), he closes it again and re-opens it once more; the case page shows the
 * re-opened badge and banner, and its history tells each re-opening apart with every change.
 */
class ReopenBrowserIT extends BrowserTest {

    /** The words of the pages in one language. */
    record Words(
            String reopened,
            String closed,
            String bannerTitle,
            String reopenedBy,
            String noticeReopened,
            String noticeReclosed,
            String cycle,
            String reopenedEvent,
            String editedEvent,
            String reclosedEvent,
            String titleField,
            String reasonField) {}

    static final Words DUTCH = new Words(
            "Heropend",
            "Gesloten",
            "Deze zaak is heropend",
            "Heropend door %s",
            "Zaak %s is heropend.",
            "Zaak %s is opnieuw gesloten.",
            "Heropening %d",
            "Zaak %s heropend",
            "Heropende zaak %s bewerkt",
            "Zaak %s opnieuw gesloten",
            "Titel:",
            "Reden:");
    static final Words ENGLISH = new Words(
            "Re-opened",
            "Closed",
            "This case has been re-opened",
            "Re-opened by %s",
            "Case %s has been re-opened.",
            "Case %s has been closed again.",
            "Re-opening %d",
            "Case %s re-opened",
            "Re-opened case %s edited",
            "Case %s closed again",
            "Title:",
            "Reason:");

    @Test
    void inDutchTheVpReopensEditsClosesAgainAndReopensOnceMore() {
        reopenCycle(DUTCH, "Subsidie buurthuis Latour");
    }

    @Test
    void inEnglishTheVpReopensEditsClosesAgainAndReopensOnceMore() {
        open("/login?lang=en");
        reopenCycle(ENGLISH, "Community centre grant");
    }

    private void reopenCycle(Words words, String title) {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        Api.Response created = api.post("/api/v1/cases", secretary, Map.of("title", title));
        UUID id = UUID.fromString(created.json().get("id").asString());
        String reference = created.json().get("reference").asString();
        api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", "Afgewezen: begroting ontbreekt."));

        signIn(vp);
        open("/cases/" + id);
        assertThat(text(By.id("case-state"))).isEqualTo(words.closed());

        // the button reveals the form in place; cancel puts the button back
        waitFor(By.id("reopen-case")).click();
        waitFor(By.id("reopen-reason"));
        waitFor(By.id("cancel-reopen")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("reopen-reason")));
        waitFor(By.id("reopen-case")).click();
        WebElement reason = waitFor(By.id("reopen-reason"));
        wait.until(d -> "reopen-reason".equals(d.switchTo().activeElement().getAttribute("id")));
        reason.sendKeys("De begroting is nagezonden.");
        browser.findElement(By.id("confirm-reopen")).click();

        wait.until(ExpectedConditions.textToBe(By.id("case-state"), words.reopened()));
        assertThat(text(By.id("notice"))).isEqualTo(words.noticeReopened().formatted(reference));
        String banner = text(By.id("reopened-banner"));
        assertThat(banner)
                .contains(words.bannerTitle())
                .contains(words.reopenedBy().formatted(vp.displayName()))
                .contains("De begroting is nagezonden.")
                .contains("Afgewezen: begroting ontbreekt.");
        assertThat(browser.findElements(By.id("reopen-case"))).isEmpty();

        // edited while re-opened, by the Vice President and by a secretary
        waitFor(By.id("edit-case")).click();
        WebElement titleInput = waitFor(By.id("title"));
        titleInput.clear();
        titleInput.sendKeys(title + " (herzien)");
        browser.findElement(By.id("save-case")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-title"), title + " (herzien)"));
        assertThat(text(By.id("case-state"))).isEqualTo(words.reopened());
        signOut();

        signIn(secretary);
        open("/cases/" + id);
        assertThat(text(By.id("reopened-banner"))).contains("De begroting is nagezonden.");
        assertThat(browser.findElements(By.id("close-case"))).isEmpty();
        waitFor(By.id("edit-case")).click();
        new Select(waitFor(By.id("priority"))).selectByValue("urgent");
        browser.findElement(By.id("save-case")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reopened-banner")));
        signOut();

        // closed again with a new resolution, then re-opened once more
        signIn(vp);
        open("/cases/" + id);
        waitFor(By.id("resolution")).sendKeys("Toegekend: 40.000 SRD.");
        browser.findElement(By.id("close-case")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), words.closed()));
        assertThat(text(By.id("notice"))).isEqualTo(words.noticeReclosed().formatted(reference));
        assertThat(text(By.id("case-resolution"))).isEqualTo("Toegekend: 40.000 SRD.");
        waitFor(By.id("reopen-case")).click();
        waitFor(By.id("reopen-reason")).sendKeys("Bezwaar van de buurman.");
        browser.findElement(By.id("confirm-reopen")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), words.reopened()));
        assertThat(text(By.id("reopened-banner")))
                .contains("Bezwaar van de buurman.")
                .contains("Toegekend: 40.000 SRD.");

        // the history: each re-opening under its number, with who, why and every change
        WebElement first = waitFor(By.id("cycle-1"));
        assertThat(first.findElement(By.tagName("h3")).getText())
                .isEqualTo(words.cycle().formatted(1));
        List<WebElement> firstEvents = first.findElements(By.cssSelector(".event"));
        assertThat(firstEvents).hasSize(4);
        assertThat(firstEvents.get(0).getText())
                .contains(words.reopenedEvent().formatted(reference))
                .contains(vp.displayName())
                .contains(words.reasonField() + " De begroting is nagezonden.");
        assertThat(firstEvents.get(1).getText())
                .contains(words.editedEvent().formatted(reference))
                .contains(vp.displayName())
                .contains(words.titleField())
                .contains(title + " (herzien)");
        assertThat(firstEvents
                        .get(1)
                        .findElement(By.cssSelector(".change-from"))
                        .getText())
                .isEqualTo(title);
        assertThat(firstEvents.get(2).getText())
                .contains(words.editedEvent().formatted(reference))
                .contains(secretary.displayName());
        assertThat(firstEvents.get(3).getText())
                .contains(words.reclosedEvent().formatted(reference))
                .contains("Toegekend: 40.000 SRD.");
        WebElement second = waitFor(By.id("cycle-2"));
        assertThat(second.findElement(By.tagName("h3")).getText())
                .isEqualTo(words.cycle().formatted(2));
        assertThat(second.findElements(By.cssSelector(".event")))
                .singleElement()
                .satisfies(e -> assertThat(e.getText()).contains("Bezwaar van de buurman."));
        // before the first re-opening: opened and closed, as ever
        assertThat(browser.findElements(By.cssSelector(".history > ol.timeline .event")))
                .hasSize(2);

        // the list finds it among the re-opened cases
        open("/cases");
        new Select(waitFor(By.id("case-state"))).selectByValue("reopened");
        waitFor(By.id("case-q")).sendKeys(reference);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#case-results tr.case-row"), 1));
        assertThat(text(By.cssSelector("#case-results tr.case-row .badge.state-reopened")))
                .isEqualTo(words.reopened());
    }
}
