package sr.gov.vpflow.appointments;

/** The longest texts an appointment keeps (the database repeats them as constraints), checked through FieldErrors. */
final class AppointmentFields {

    static final String LABELS = "appointments.field.";
    static final int SUBJECT = 200;
    static final int PURPOSE = 4000;
    static final int LOCATION = 200;
    static final int REASON = 1000;

    private AppointmentFields() {}
}
