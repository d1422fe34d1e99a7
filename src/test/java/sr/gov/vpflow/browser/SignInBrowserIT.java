package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;

class SignInBrowserIT extends BrowserTest {

    @Test
    void theVpAndASecretarySignInSeeTheirRoleAndSwitchLanguage() {
        Account vp = accounts.create(Role.VP);
        Account secretary = accounts.create(Role.SECRETARY);

        signIn(vp);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript("return document.querySelectorAll('style').length"))
                .as("htmx injected no inline style, which the content security policy would refuse")
                .isEqualTo(0L);
        assertThat(text(By.id("signed-in-as"))).contains(vp.username()).contains("Vicepresident");
        browser.findElement(By.cssSelector(".lang-switch a[lang=en]")).click();
        waitFor(By.id("signed-in-as"));
        assertThat(text(By.id("signed-in-as"))).contains("Vice President");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        signOut();

        signIn(secretary);
        assertThat(text(By.id("signed-in-as"))).contains(secretary.username()).contains("Secretary");
        browser.findElement(By.cssSelector(".lang-switch a[lang=nl]")).click();
        waitFor(By.id("signed-in-as"));
        assertThat(text(By.id("signed-in-as"))).contains("Secretaris");
    }

    @Test
    void aWrongPasswordShowsAMessageAndNoSession() {
        open("/login?lang=en");
        browser.findElement(By.id("username")).sendKeys("nobody");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(text(By.cssSelector(".alert.error"))).contains("Sign-in failed");
        open("/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }
}
