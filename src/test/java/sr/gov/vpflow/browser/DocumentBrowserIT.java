package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * A secretary uploads a scan from a case's page; the document page shows it, the case lists it and
 * its timeline tells of the link; the Vice President deactivates it with a reason, and it stays
 * readable, marked as deactivated.
 */
class DocumentBrowserIT extends BrowserTest {

    record Words(String upload, String linkedEvent, String deactivated) {}

    static final Words DUTCH =
            new Words("Document uploaden", "Document %s gekoppeld", "Dit document is gedeactiveerd.");
    static final Words ENGLISH = new Words("Upload a document", "Document %s linked", "This document is deactivated.");

    @TempDir
    Path files;

    @Test
    void inDutchASecretaryUploadsAScanToACaseAndTheVpDeactivatesIt() throws Exception {
        uploadAndDeactivate(DUTCH, "Scan uitnodiging Latour");
    }

    @Test
    void inEnglishASecretaryUploadsAScanToACaseAndTheVpDeactivatesIt() throws Exception {
        open("/login?lang=en");
        uploadAndDeactivate(ENGLISH, "Invitation scan Latour");
    }

    private void uploadAndDeactivate(Words words, String title) throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        String caseId = api.post("/api/v1/cases", secretary, Map.of("title", title + " (zaak)"))
                .json()
                .get("id")
                .asString();
        Path scan = files.resolve("uitnodiging.png");
        Files.write(scan, Samples.png());

        signIn(secretary);
        open("/cases/" + caseId);
        String reference = text(By.id("case-reference"));
        // the case's documents come in with htmx; its upload link carries the case
        waitFor(By.linkText(words.upload())).click();
        waitFor(By.id("document-title")).sendKeys(title);
        browser.findElement(By.id("document-description")).sendKeys("Ontvangen per post.");
        browser.findElement(By.id("document-file")).sendKeys(scan.toString());
        browser.findElement(By.id("upload-submit")).click();

        assertThat(text(By.cssSelector("h1#document-title"))).isEqualTo(title);
        assertThat(text(By.id("document-file-name"))).isEqualTo("uitnodiging.png");
        assertThat(text(By.id("document-links"))).contains(reference);
        waitFor(By.id("preview-image"));
        wait.until(
                d -> (Boolean)
                        ((JavascriptExecutor) d)
                                .executeScript(
                                        "const i = document.getElementById('preview-image'); return i.complete && i.naturalWidth === 40;"));

        open("/cases/" + caseId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText(title)));
        assertThat(text(By.cssSelector(".history")))
                .contains(words.linkedEvent().formatted(title));
        signOut();

        signIn(vp);
        open("/cases/" + caseId);
        waitFor(By.linkText(title)).click();
        waitFor(By.id("deactivate-title")).click();
        waitFor(By.id("deactivate-reason")).sendKeys("Dubbel ingescand.");
        browser.findElement(By.id("deactivate-submit")).click();
        assertThat(text(By.id("document-inactive"))).startsWith(words.deactivated());
        assertThat(text(By.cssSelector("h1#document-title"))).isEqualTo(title);
        assertThat(browser.findElements(By.id("deactivate-submit"))).isEmpty();
        // deactivated documents leave the case's list
        open("/cases/" + caseId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#case-documents .linked-documents")));
        assertThat(browser.findElements(By.linkText(title))).isEmpty();
    }
}
