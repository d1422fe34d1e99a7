package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/** A secretary opens a case, the Vice President closes it, and the history shows both. */
class CaseBrowserIT extends BrowserTest {

    /** The words of the pages in one language. */
    record Words(
            String newCase,
            String open,
            String closed,
            String opened,
            String closedEvent,
            String noticeClosed,
            String vpOnly,
            String dueDate) {}

    static final Words DUTCH = new Words(
            "Nieuwe zaak openen",
            "Open",
            "Gesloten",
            "Zaak %s geopend",
            "Zaak %s gesloten",
            "Zaak %s is gesloten.",
            "Alleen de Vicepresident kan een zaak sluiten.",
            "30 september 2026");
    static final Words ENGLISH = new Words(
            "Open a new case",
            "Open",
            "Closed",
            "Case %s opened",
            "Case %s closed",
            "Case %s has been closed.",
            "Only the Vice President can close a case.",
            "30 September 2026");

    @Test
    void inDutchASecretaryOpensACaseAndTheVpClosesIt() {
        secretaryOpensAndVpCloses(DUTCH, "Subsidie buurthuis Latour");
    }

    @Test
    void inEnglishASecretaryOpensACaseAndTheVpClosesIt() {
        open("/login?lang=en");
        secretaryOpensAndVpCloses(ENGLISH, "Community centre grant");
    }

    private void secretaryOpensAndVpCloses(Words words, String title) {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);

        signIn(secretary);
        open("/cases");
        waitFor(By.id("new-case")).click();
        assertThat(text(By.tagName("h1"))).isEqualTo(words.newCase());
        browser.findElement(By.id("title")).sendKeys(title);
        browser.findElement(By.id("description")).sendKeys("Aanvraag van de wijkorganisatie.");
        new Select(browser.findElement(By.id("priority"))).selectByValue("high");
        // what a date picker expects typed depends on the browser's own locale; its value does not
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = '2026-09-30'", browser.findElement(By.id("due_date")));
        browser.findElement(By.id("save-case")).click();

        String reference = text(By.id("case-reference"));
        assertThat(reference).matches("VP-\\d{4}-\\d{4,}");
        assertThat(text(By.id("case-title"))).isEqualTo(title);
        assertThat(text(By.id("case-state"))).isEqualTo(words.open());
        assertThat(text(By.cssSelector(".facts"))).contains(words.dueDate());
        assertThat(text(By.cssSelector(".case-detail"))).contains(words.vpOnly());
        assertThat(browser.findElements(By.id("close-case"))).isEmpty();
        signOut();

        signIn(vp);
        open("/cases");
        WebElement search = waitFor(By.id("case-q"));
        search.sendKeys(reference);
        // htmx replaces the results as the VP types
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#case-results tr.case-row"), 1));
        waitFor(By.linkText(reference)).click();

        waitFor(By.id("resolution")).sendKeys("Toegekend; de wijkorganisatie wordt ingelicht.");
        browser.findElement(By.id("close-case")).click();
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), words.closed()));
        assertThat(text(By.id("notice"))).isEqualTo(words.noticeClosed().formatted(reference));
        assertThat(text(By.id("case-resolution"))).isEqualTo("Toegekend; de wijkorganisatie wordt ingelicht.");

        List<WebElement> events = browser.findElements(By.cssSelector(".timeline .event"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getText())
                .contains(words.opened().formatted(reference))
                .contains(secretary.displayName());
        assertThat(events.get(1).getText())
                .contains(words.closedEvent().formatted(reference))
                .contains(vp.displayName())
                .contains("Toegekend; de wijkorganisatie wordt ingelicht.");
    }

    @Test
    void theCloseFormIsReachableWithTheKeyboard() {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        signIn(secretary);
        open("/cases/new");
        WebElement title = waitFor(By.id("title"));
        title.sendKeys("Toetsenbordzaak");
        title.submit();
        String reference = text(By.id("case-reference"));
        String path = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("/cases/"));
        signOut();

        signIn(vp);
        open(path);
        WebElement resolution = waitFor(By.id("resolution"));
        assertThat(browser.findElement(By.cssSelector("label[for=resolution]")).isDisplayed())
                .isTrue();
        resolution.click();
        browser.switchTo().activeElement().sendKeys("Afgehandeld per brief.");
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("close-case");
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("case-state"), "Gesloten"));
        assertThat(text(By.id("case-reference"))).isEqualTo(reference);
    }
}
