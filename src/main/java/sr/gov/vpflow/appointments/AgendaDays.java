package sr.gov.vpflow.appointments;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The agenda's days in Paramaribo time, as the agenda page and its PDF show them: each appointment
 * on the day it starts (one that began before the first day on the first), with its guest's name
 * and its status in the reader's language.
 */
@Component
class AgendaDays {

    private final AppointmentService appointments;
    private final GuestService guests;
    private final MessageSource messages;

    AgendaDays(AppointmentService appointments, GuestService guests, MessageSource messages) {
        this.appointments = appointments;
        this.guests = guests;
        this.messages = messages;
    }

    /** {@code length} days from {@code first}; {@code withLocation} as the day view shows them. */
    List<AgendaDay> read(LocalDate first, int length, boolean withLocation, LocalDate today, Locale locale) {
        LocalDate afterLast = first.plusDays(length);
        List<AppointmentView> found = appointments.between(start(first), start(afterLast));
        Map<UUID, GuestView> guestsById =
                guests.findAll(found.stream().map(AppointmentView::guestId).toList());
        Map<LocalDate, List<AgendaItem>> byDay = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            byDay.put(first.plusDays(i), new ArrayList<>());
        }
        Map<String, String> statusLabels = new HashMap<>();
        for (AppointmentView a : found) {
            LocalDate startDay = a.startsAt().toLocalDate();
            LocalDate column = startDay.isBefore(first) ? first : startDay;
            String label = statusLabels.computeIfAbsent(
                    a.status(), status -> messages.getMessage("appointments.status." + status, null, status, locale));
            byDay.get(column).add(AgendaItem.of(a, guestsById.get(a.guestId()), withLocation, label));
        }
        return byDay.entrySet().stream()
                .map(e -> new AgendaDay(e.getKey(), e.getKey().equals(today), e.getValue()))
                .toList();
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(OfficeTime.ZONE).toOffsetDateTime();
    }
}
