package sr.gov.vpflow.mail;

import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;

/** Each signed-in user's own mail preferences (their account page, GET/PUT /api/v1/me/mail). */
@Service
public class MailPreferencesService {

    static final String LABELS = "mail.field.";
    private static final Set<String> LANGUAGES = Set.of("nl", "en");

    private final MailPreferencesRepository preferences;
    private final MailSettings settings;

    MailPreferencesService(MailPreferencesRepository preferences, MailSettings settings) {
        this.preferences = preferences;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public MailPreferences own() {
        requireUser();
        return preferences.own().orElseGet(MailPreferences::none);
    }

    @Transactional
    MailPreferences change(MailPreferencesChange change) {
        MailPreferences current = own();
        FieldErrors errors = new FieldErrors(LABELS);
        String address = current.address();
        if (change.address() != null) {
            address = errors.email("address", change.address(), 254);
            if (address != null && !address.substring(address.indexOf('@') + 1).contains(".")) {
                errors.add("address", "invalid_email");
                address = null;
            }
        }
        String language = current.language();
        if (change.language() != null) {
            language = change.language().strip();
            if (!LANGUAGES.contains(language)) {
                errors.add("language", "invalid_value");
            }
        }
        errors.throwIfAny();
        MailPreferences next = new MailPreferences(
                address,
                change.dailyDigest() == null ? current.dailyDigest() : change.dailyDigest(),
                change.dueReminders() == null ? current.dueReminders() : change.dueReminders(),
                language);
        preferences.save(next);
        return next;
    }

    /** Whether this server sends mail at all (the page says so when it does not). */
    public boolean mailOn() {
        return settings.enabled();
    }

    private static void requireUser() {
        if (ActorContext.current().map(a -> a.userId() == null).orElse(true)) {
            throw ProblemException.forbidden("forbidden", "Mail preferences belong to a signed-in user.");
        }
    }
}
