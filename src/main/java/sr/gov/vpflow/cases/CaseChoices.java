package sr.gov.vpflow.cases;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.cases.LinkedRecords.AppointmentRef;
import sr.gov.vpflow.cases.LinkedRecords.GuestRef;
import sr.gov.vpflow.platform.OfficeTime;

/** What the case forms offer to choose from, read as the signed-in user (the office only). */
@Service
class CaseChoices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private final LinkedRecords linked;

    CaseChoices(LinkedRecords linked) {
        this.linked = linked;
    }

    /** An option of a select: the value and what the user reads. */
    record Choice(String id, String label) {}

    record Options(List<Choice> guests, List<Choice> appointments) {}

    @Transactional(readOnly = true)
    public Options options(UUID selectedGuest, UUID selectedAppointment) {
        CaseService.officeOnly();
        List<Choice> guests = linked.guestChoices(selectedGuest).stream()
                .map(g -> new Choice(g.id().toString(), g.label()))
                .toList();
        List<Choice> appointments = linked.appointmentChoices(selectedAppointment).stream()
                .map(a -> new Choice(a.id().toString(), appointmentLabel(a)))
                .toList();
        return new Options(guests, appointments);
    }

    @Transactional(readOnly = true)
    public Optional<AppointmentRef> appointment(UUID id) {
        CaseService.officeOnly();
        return linked.appointment(id);
    }

    @Transactional(readOnly = true)
    public Optional<GuestRef> guest(UUID id) {
        CaseService.officeOnly();
        return linked.guest(id);
    }

    private static String appointmentLabel(AppointmentRef a) {
        return WHEN.format(OfficeTime.inOffice(a.startsAt())) + " · " + a.subject() + " (" + a.guestFullName() + ")";
    }
}
