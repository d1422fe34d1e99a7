package sr.gov.vpflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.BrowserTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Totp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Second factors in a real browser: passkeys made and used through Chromium's virtual
 * authenticator (WebAuthn over the DevTools protocol: a real ceremony, signed by a real key), and
 * the one-time code app set up on the account page and typed at the sign-in.
 */
class SecondFactorBrowserIT extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VirtualAuthenticator device;
    private JdbcClient owner;

    @BeforeEach
    void plugInAuthenticator() {
        device = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
        owner = JdbcClient.create(ownerDatabase.dataSource());
    }

    @AfterEach
    void requireAsConfigured() {
        owner.sql("UPDATE vpflow.login_settings SET require_second_factor = false")
                .update();
    }

    @Test
    void aSecretaryAddsAPasskeyAndFromThenOnSignsInWithIt() {
        Account secretary = accounts.create(Role.SECRETARY);
        signIn(secretary);
        open("/account");
        waitFor(By.id("passkey-label")).sendKeys("Laptop kantoor");
        browser.findElement(By.id("passkey-button")).click();
        waitFor(By.id("recovery-codes"));
        List<String> recovery = browser.findElements(By.cssSelector("#recovery-codes code")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(recovery)
                .as("the account's first second factor comes with recovery codes")
                .hasSize(10);
        assertThat(text(By.id("passkey-list"))).contains("Laptop kantoor");
        assertThat(device.getCredentials()).hasSize(1);
        signOut();

        // the password now leads to the second step; the passkey answers it
        enterPassword(secretary);
        waitFor(By.id("passkey-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(secretary)).isEqualTo("passkey");
        assertThat(owner.sql("SELECT sign_count > 0 AND last_used_at IS NOT NULL FROM vpflow.passkeys"
                                + " WHERE user_id = :id")
                        .param("id", secretary.id())
                        .query(Boolean.class)
                        .single())
                .as("the counter went up")
                .isTrue();
        signOut();

        // the device's real answer with one byte of its signature changed: refused, counted, audited
        enterPassword(secretary);
        waitFor(By.id("passkey-button"));
        JsonNode answer = JSON.readTree(captureAnswer());
        byte[] signature =
                Base64.getUrlDecoder().decode(answer.at("/response/signature").asString());
        signature[signature.length / 2] ^= 1;
        ((ObjectNode) answer.get("response"))
                .put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        submitAnswer(answer.toString());
        waitFor(By.id("second-factor-refused"));
        assertThat(failedSignIns(secretary)).isEqualTo(1);
        assertThat(owner.sql("SELECT details->>'reason' FROM vpflow.audit_logs WHERE entity_id = :id"
                                + " AND event_type = 'login_failed' ORDER BY seq DESC LIMIT 1")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .isEqualTo("wrong_passkey");

        // the real answer signs in; sent again in a later sign-in, it answers an old challenge
        String valid = captureAnswer();
        submitAnswer(valid);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(secretary)).isEqualTo("passkey");
        signOut();
        enterPassword(secretary);
        waitFor(By.id("passkey-button"));
        ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const button = document.getElementById('passkey-button');
                        const token = document.querySelector('meta[name="_csrf"]').content;
                        const header = document.querySelector('meta[name="_csrf_header"]').content;
                        fetch(button.dataset.options, {method: 'POST', headers: {[header]: token}}).then(() => done());
                        """);
        submitAnswer(valid);
        waitFor(By.id("second-factor-refused"));
        assertThat(failedSignIns(secretary)).as("a replayed answer").isEqualTo(1);

        // a recovery code stands in for a lost passkey, once
        browser.findElement(By.id("code")).sendKeys(recovery.get(0));
        browser.findElement(By.cssSelector("#second-factor-form button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(secretary)).isEqualTo("recovery_code");

        // removed on the account page, the passkey no longer works, and the password alone signs in
        open("/account");
        waitFor(By.cssSelector("#passkey-list button[type=submit]")).click();
        assertThat(text(By.id("notice"))).contains("verwijderd");
        assertThat(browser.findElements(By.id("passkey-list"))).isEmpty();
        signOut();
        signIn(secretary);
        assertThat(lastSignIn(secretary)).isNull();
        assertThat(owner.sql("SELECT string_agg(event_type, ',' ORDER BY seq) FROM vpflow.audit_logs"
                                + " WHERE entity_id = :id AND event_type LIKE 'passkey%'")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .isEqualTo("passkey_added,passkey_removed");
    }

    @Test
    void anAdministratorMakesAPasskeyAtTheFirstSignInWhenTheOfficeRequiresASecondFactor() {
        owner.sql("UPDATE vpflow.login_settings SET require_second_factor = true")
                .update();
        Account admin = accounts.create(Role.ADMIN);
        enterPassword(admin);
        waitFor(By.id("enroll-passkey-heading"));
        assertThat(browser.findElement(By.id("totp-secret")).getText())
                .as("the app is the alternative")
                .isNotBlank();
        browser.findElement(By.id("passkey-button")).click();
        assertThat(browser.findElement(By.id("passkey-failed")).isDisplayed()).isFalse();
        assertThat(device.getCredentials())
                .as("a passkey needs a name first: nothing was asked of the device")
                .isEmpty();
        browser.findElement(By.id("passkey-label")).sendKeys("Sleutel beheer");
        browser.findElement(By.id("passkey-button")).click();
        waitFor(By.id("recovery-codes"));
        assertThat(browser.findElements(By.cssSelector("#recovery-codes code"))).hasSize(10);
        browser.findElement(By.id("continue")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(admin)).isEqualTo("passkey");
        signOut();

        enterPassword(admin);
        assertThat(waitFor(By.id("passkey-button")).getText()).contains("passkey");
        assertThat(browser.findElements(By.id("totp-secret"))).as("set up once").isEmpty();
        browser.findElement(By.id("passkey-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(admin)).isEqualTo("passkey");
    }

    @Test
    void aUserSetsUpTheAppOnTheAccountPageAndTypesItsCodeAtTheNextSignIn() {
        Account vp = accounts.create(Role.VP);
        signIn(vp);
        open("/account");
        waitFor(By.cssSelector("#second-factor-begin button")).click();
        byte[] secret =
                new Base32().decode(waitFor(By.id("totp-secret")).getText().replace(" ", ""));
        long step = Totp.step();
        browser.findElement(By.id("totp-code")).sendKeys(Totp.code(secret, step));
        browser.findElement(By.cssSelector("#second-factor-confirm button[type=submit]"))
                .click();
        waitFor(By.id("recovery-codes"));
        assertThat(text(By.id("second-factor-active"))).isNotBlank();
        signOut();

        enterPassword(vp);
        assertThat(browser.findElements(By.id("passkey-button")))
                .as("no passkey to offer")
                .isEmpty();
        // the step after the one the app was confirmed with (the database allows one step ahead)
        waitFor(By.id("code")).sendKeys(Totp.code(secret, Math.max(step + 1, Totp.step())));
        browser.findElement(By.cssSelector("#second-factor-form button[type=submit]"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.logout-form")));
        assertThat(lastSignIn(vp)).isEqualTo("totp");
    }

    /** The password on the sign-in page, which leads to the second step. */
    private void enterPassword(Account account) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(account.username());
        browser.findElement(By.id("password")).sendKeys(account.password());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login/second-factor"));
    }

    /**
     * Lets the page run its passkey ceremony with the device and keeps the answer it would have
     * sent (the form's submit is held back), for the test to send, changed or again.
     */
    private String captureAnswer() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("""
                window.heldAnswers = [];
                window.realSubmit = window.realSubmit || HTMLFormElement.prototype.submit;
                HTMLFormElement.prototype.submit = function () {
                    window.heldAnswers.push(this.elements.credential.value);
                };
                """);
        browser.findElement(By.id("passkey-button")).click();
        wait.until(driver -> ((Number) js.executeScript("return window.heldAnswers.length")).intValue() > 0);
        return (String) js.executeScript("return window.heldAnswers[0]");
    }

    private void submitAnswer(String answer) {
        ((JavascriptExecutor) browser).executeScript("""
                        const form = document.getElementById('passkey-button').form;
                        form.elements.credential.value = arguments[0];
                        (window.realSubmit || HTMLFormElement.prototype.submit).call(form);
                        """, answer);
    }

    private int failedSignIns(Account account) {
        return owner.sql("SELECT failed_logins FROM vpflow.users WHERE id = :id")
                .param("id", account.id())
                .query(Integer.class)
                .single();
    }

    /** How the account's last sign-in passed its second factor (null: none was asked). */
    private String lastSignIn(Account account) {
        List<Map<String, Object>> rows = owner.sql(
                        "SELECT details->>'second_factor' AS factor FROM vpflow.audit_logs WHERE entity_id = :id"
                                + " AND event_type = 'login_succeeded' ORDER BY seq DESC LIMIT 1")
                .param("id", account.id())
                .query()
                .listOfRows();
        return rows.isEmpty() ? "none" : (String) rows.get(0).get("factor");
    }
}
