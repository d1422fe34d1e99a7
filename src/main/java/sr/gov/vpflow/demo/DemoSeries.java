package sr.gov.vpflow.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.appointments.BookSeries;
import sr.gov.vpflow.appointments.SeriesService;
import sr.gov.vpflow.appointments.SeriesView;
import sr.gov.vpflow.appointments.StatusAction;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.NewGuest;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The Vice President's fixed point of the week: the Council of Ministers (Raad van Ministers) on
 * Thursday from 07:00 to 08:00, before the office's appointments begin, booked as a series from
 * six weeks back "as of" the week before (the demo clock) and then up to a year from today; the
 * occurrences that have taken place are completed.
 */
final class DemoSeries {

    private static final LocalTime STARTS = LocalTime.of(7, 0);

    private final SeriesService series;
    private final AppointmentService appointments;
    private final GuestService guests;
    private final HolidayService holidays;
    private final DemoClock clock;

    DemoSeries(
            SeriesService series,
            AppointmentService appointments,
            GuestService guests,
            HolidayService holidays,
            DemoClock clock) {
        this.series = series;
        this.appointments = appointments;
        this.guests = guests;
        this.holidays = holidays;
        this.clock = clock;
    }

    SeriesView councilOfMinisters(Instant now) {
        LocalDate today = OfficeTime.today(Clock.fixed(now, OfficeTime.ZONE));
        LocalDate first = today.minusWeeks(DemoAgenda.WEEKS).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        OffsetDateTime start = first.atTime(STARTS).atZone(OfficeTime.ZONE).toOffsetDateTime();
        var secretariat = guests.create(new NewGuest(
                "Secretariaat van de Raad van Ministers",
                null,
                "Kabinet van de President",
                null,
                null,
                null,
                "Vaste vergadering van de Raad van Ministers."));
        BookSeries request = new BookSeries(
                secretariat.id(),
                "Raad van Ministers",
                "Wekelijkse vergadering van de Raad van Ministers.",
                "Kabinet van de President, Onafhankelijkheidsplein",
                start,
                start.plusHours(1),
                "FREQ=WEEKLY;BYDAY=TH",
                holidays.available(),
                false);
        SeriesView booked = clock.at(start.toInstant().minus(Duration.ofDays(7)), () -> series.book(request));
        List<AppointmentView> past = booked.occurrences().stream()
                .filter(a -> a.endsAt().toInstant().isBefore(now))
                .toList();
        for (AppointmentView a : past) {
            appointments.complete(a.id(), StatusAction.none());
        }
        // booked as of its first week: the rest of the year ahead from today
        series.extendNow(booked.id());
        return series.get(booked.id());
    }
}
