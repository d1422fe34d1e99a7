package sr.gov.vpflow.guests;

/** The guest form of the pages, as submitted. */
record GuestForm(
        String fullName,
        String honorific,
        String organisation,
        String position,
        String email,
        String phone,
        String notes,
        Integer version) {

    static GuestForm empty() {
        return new GuestForm(null, null, null, null, null, null, null, null);
    }

    static GuestForm of(GuestView g) {
        return new GuestForm(
                g.fullName(),
                g.honorific(),
                g.organisation(),
                g.position(),
                g.email(),
                g.phone(),
                g.notes(),
                g.version());
    }

    NewGuest toNewGuest() {
        return new NewGuest(fullName, honorific, organisation, position, email, phone, notes);
    }

    /** Every field of the form is sent: an emptied field is cleared. */
    GuestEdit toEdit() {
        return new GuestEdit(
                orEmpty(fullName),
                orEmpty(honorific),
                orEmpty(organisation),
                orEmpty(position),
                orEmpty(email),
                orEmpty(phone),
                orEmpty(notes),
                version);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
