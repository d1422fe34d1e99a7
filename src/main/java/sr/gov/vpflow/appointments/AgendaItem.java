package sr.gov.vpflow.appointments;

import java.time.format.DateTimeFormatter;
import sr.gov.vpflow.guests.GuestView;

/** An appointment with its guest, as a page shows it. {@code guest} is null if the guest is not visible. */
record AgendaItem(AppointmentView appointment, GuestView guest) {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * "10:00–11:00", in Paramaribo time. Made here once rather than by two formatting expressions
     * per item: a busy week has a few hundred items.
     */
    public String time() {
        return HOURS.format(appointment.startsAt()) + "–" + HOURS.format(appointment.endsAt());
    }
}
