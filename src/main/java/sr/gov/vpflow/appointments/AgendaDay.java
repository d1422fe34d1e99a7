package sr.gov.vpflow.appointments;

import java.time.LocalDate;
import java.util.List;

/** One day of the agenda, its appointments by start time. */
record AgendaDay(LocalDate date, boolean today, List<AgendaItem> items) {}
