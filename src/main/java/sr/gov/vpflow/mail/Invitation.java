package sr.gov.vpflow.mail;

import java.net.URI;
import java.time.Instant;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import sr.gov.vpflow.appointments.AppointmentView;

/**
 * The iCalendar invitation (RFC 5546) sent with a guest's confirmation: METHOD:REQUEST for a booked
 * or moved appointment, METHOD:CANCEL for a cancelled one. The UID is the appointment's, the same
 * in every message about it; the SEQUENCE is the appointment's version, which rises with each
 * change, so a calendar program replaces the event it holds. Times in UTC.
 */
final class Invitation {

    private Invitation() {}

    static String of(
            AppointmentView appointment,
            boolean cancelled,
            String summary,
            String description,
            String organizer,
            String attendee,
            String attendeeName,
            Instant stamp) {
        VEvent event = new VEvent(
                appointment.startsAt().toInstant(), appointment.endsAt().toInstant(), summary);
        event.replace(new DtStamp(stamp));
        event.add(new Uid(uid(appointment)));
        event.add(new Sequence(appointment.version()));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        if (appointment.location() != null && !appointment.location().isBlank()) {
            event.add(new Location(appointment.location()));
        }
        if (description != null) {
            event.add(new Description(description));
        }
        event.add(new Organizer(URI.create("mailto:" + organizer)));
        ParameterList parameters = new ParameterList()
                .add(new Cn(attendeeName))
                .add(net.fortuna.ical4j.model.parameter.Role.REQ_PARTICIPANT)
                .add(PartStat.NEEDS_ACTION)
                .add(new Rsvp(!cancelled));
        event.add(new Attendee(parameters, URI.create("mailto:" + attendee)));
        Calendar calendar = new Calendar()
                .add(new ProdId("-//VP-Flow//Office of the Vice President//NL"))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event);
        return calendar.toString();
    }

    /** The appointment's UID, as the calendar feed writes it too. */
    static String uid(AppointmentView appointment) {
        return appointment.id() + "@vpflow";
    }
}
