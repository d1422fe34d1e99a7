package sr.gov.vpflow.guests;

import java.util.regex.Pattern;
import sr.gov.vpflow.audit.Changes;

/**
 * The checks the database repeats as constraints, done first so that the caller hears which
 * field is wrong. Texts are trimmed; an empty text means "none".
 */
final class GuestFields {

    static final int FULL_NAME = 200;
    static final int HONORIFIC = 50;
    static final int ORGANISATION = 200;
    static final int POSITION = 200;
    static final int EMAIL = 254;
    static final int PHONE = 50;
    static final int NOTES = 4000;
    private static final Pattern EMAIL_FORMAT = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private GuestFields() {}

    /** The trimmed text, or null when it is empty; refused when longer than {@code max}. */
    static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw GuestException.fieldTooLong(field, max);
        }
        return text;
    }

    static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text == null) {
            throw GuestException.fieldRequired(field);
        }
        return text;
    }

    static String checkedEmail(String value) {
        String email = optional("email", value, EMAIL);
        if (email != null && !EMAIL_FORMAT.matcher(email).matches()) {
            throw GuestException.invalidEmail();
        }
        return email;
    }

    /** A guest's fields after validation. */
    record Values(
            String fullName,
            String honorific,
            String organisation,
            String position,
            String email,
            String phone,
            String notes) {

        static Values of(NewGuest g) {
            return new Values(
                    required("full_name", g.fullName(), FULL_NAME),
                    optional("honorific", g.honorific(), HONORIFIC),
                    optional("organisation", g.organisation(), ORGANISATION),
                    optional("position", g.position(), POSITION),
                    checkedEmail(g.email()),
                    optional("phone", g.phone(), PHONE),
                    optional("notes", g.notes(), NOTES));
        }

        /** The guest as it will be after the edit: null fields of the edit keep their value. */
        static Values edited(GuestView current, GuestEdit e) {
            return new Values(
                    e.fullName() == null ? current.fullName() : required("full_name", e.fullName(), FULL_NAME),
                    e.honorific() == null ? current.honorific() : optional("honorific", e.honorific(), HONORIFIC),
                    e.organisation() == null
                            ? current.organisation()
                            : optional("organisation", e.organisation(), ORGANISATION),
                    e.position() == null ? current.position() : optional("position", e.position(), POSITION),
                    e.email() == null ? current.email() : checkedEmail(e.email()),
                    e.phone() == null ? current.phone() : optional("phone", e.phone(), PHONE),
                    e.notes() == null ? current.notes() : optional("notes", e.notes(), NOTES));
        }

        Changes changesFrom(GuestView before) {
            return new Changes()
                    .compare("full_name", before == null ? null : before.fullName(), fullName)
                    .compare("honorific", before == null ? null : before.honorific(), honorific)
                    .compare("organisation", before == null ? null : before.organisation(), organisation)
                    .compare("position", before == null ? null : before.position(), position)
                    .compare("email", before == null ? null : before.email(), email)
                    .compare("phone", before == null ? null : before.phone(), phone)
                    .compare("notes", before == null ? null : before.notes(), notes);
        }
    }
}
