package sr.gov.vpflow.guests;

import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.platform.FieldErrors;

/**
 * A guest's fields and their rules, checked together through {@link FieldErrors} (the database
 * repeats them as constraints). Texts are trimmed; an empty text means "none".
 */
final class GuestFields {

    static final int FULL_NAME = 200;
    static final int HONORIFIC = 50;
    static final int ORGANISATION = 200;
    static final int POSITION = 200;
    static final int EMAIL = 254;
    static final int PHONE = 50;
    static final int NOTES = 4000;
    static final String LABELS = "guests.field.";

    private GuestFields() {}

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
            FieldErrors errors = new FieldErrors(LABELS);
            Values values = new Values(
                    errors.requiredText("full_name", g.fullName(), FULL_NAME),
                    errors.text("honorific", g.honorific(), HONORIFIC),
                    errors.text("organisation", g.organisation(), ORGANISATION),
                    errors.text("position", g.position(), POSITION),
                    errors.email("email", g.email(), EMAIL),
                    errors.text("phone", g.phone(), PHONE),
                    errors.text("notes", g.notes(), NOTES));
            errors.throwIfAny();
            return values;
        }

        /** The guest as it will be after the edit: null fields of the edit keep their value. */
        static Values edited(GuestView current, GuestEdit e) {
            FieldErrors errors = new FieldErrors(LABELS);
            Values values = new Values(
                    e.fullName() == null
                            ? current.fullName()
                            : errors.requiredText("full_name", e.fullName(), FULL_NAME),
                    e.honorific() == null ? current.honorific() : errors.text("honorific", e.honorific(), HONORIFIC),
                    e.organisation() == null
                            ? current.organisation()
                            : errors.text("organisation", e.organisation(), ORGANISATION),
                    e.position() == null ? current.position() : errors.text("position", e.position(), POSITION),
                    e.email() == null ? current.email() : errors.email("email", e.email(), EMAIL),
                    e.phone() == null ? current.phone() : errors.text("phone", e.phone(), PHONE),
                    e.notes() == null ? current.notes() : errors.text("notes", e.notes(), NOTES));
            errors.throwIfAny();
            return values;
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
