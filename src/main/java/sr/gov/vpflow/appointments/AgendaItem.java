package sr.gov.vpflow.appointments;

import sr.gov.vpflow.guests.GuestView;

/** An appointment with its guest, as a page shows it. {@code guest} is null if the guest is not visible. */
record AgendaItem(AppointmentView appointment, GuestView guest) {}
