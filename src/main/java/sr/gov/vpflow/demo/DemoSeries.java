package sr.gov.vpflow.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import sr.gov.vpflow.appointments.AppointmentService;
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
 * six weeks back, in the week before, and then up to a year from today; the occurrences that have
 * taken place are completed.
 */
final class DemoSeries {

    private static final LocalTime STARTS = LocalTime.of(7, 0);

    private final SeriesService series;
    private final AppointmentService appointments;
    private final GuestService guests;
    private final HolidayService holidays;

    DemoSeries(SeriesService series, AppointmentService appointments, GuestService guests, HolidayService holidays) {
        this.series = series;
        this.appointments = appointments;
        this.guests = guests;
        this.holidays = holidays;
    }

    /** The series once the timeline has run. */
    static final class Council {
        private SeriesView series;

        SeriesView series() {
            if (series == null) {
                throw new IllegalStateException("the demo series is not booked yet");
            }
            return series;
        }
    }

    /**
     * The secretariat registered and the series booked the week before its first Thursday, each
     * past meeting completed half an hour after it ended (a holiday has none), and the rest of the
     * year booked today.
     */
    Council councilOfMinisters(Timeline timeline) {
        Instant now = timeline.now();
        LocalDate today = OfficeTime.today(Clock.fixed(now, OfficeTime.ZONE));
        LocalDate first = today.minusWeeks(DemoAgenda.WEEKS).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        OffsetDateTime start = first.atTime(STARTS).atZone(OfficeTime.ZONE).toOffsetDateTime();
        Instant bookedAt = start.toInstant().minus(Duration.ofDays(7)).plus(Duration.ofHours(3));
        Council council = new Council();
        UUID[] secretariat = new UUID[1];
        timeline.at(bookedAt.minus(Duration.ofMinutes(15)), Timeline.Who.SECRETARY, () -> {
            secretariat[0] = guests.create(new NewGuest(
                            "Secretariaat van de Raad van Ministers",
                            null,
                            "Kabinet van de President",
                            null,
                            null,
                            null,
                            "Vaste vergadering van de Raad van Ministers."))
                    .id();
        });
        timeline.at(bookedAt, Timeline.Who.SECRETARY, () -> {
            council.series = series.book(new BookSeries(
                    secretariat[0],
                    "Raad van Ministers",
                    "Wekelijkse vergadering van de Raad van Ministers.",
                    "Kabinet van de President, Onafhankelijkheidsplein",
                    start,
                    start.plusHours(1),
                    "FREQ=WEEKLY;BYDAY=TH",
                    holidays.available(),
                    false));
        });
        for (OffsetDateTime meeting = start;
                meeting.plusHours(1).toInstant().isBefore(now);
                meeting = meeting.plusWeeks(1)) {
            OffsetDateTime held = meeting;
            timeline.at(held.plusHours(1).plusMinutes(30).toInstant(), Timeline.Who.SECRETARY, () -> {
                council.series().occurrences().stream()
                        .filter(a -> a.startsAt().toInstant().equals(held.toInstant()))
                        .findFirst()
                        .ifPresent(a -> appointments.complete(a.id(), StatusAction.none()));
            });
        }
        // booked as of its first week: the rest of the year ahead from today
        timeline.at(now, Timeline.Who.SECRETARY, () -> {
            series.extendNow(council.series().id());
            council.series = series.get(council.series().id());
        });
        return council;
    }
}
