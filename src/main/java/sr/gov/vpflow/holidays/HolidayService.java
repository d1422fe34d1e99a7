package sr.gov.vpflow.holidays;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;

/**
 * The holiday calendar (v1.2): everybody reads it, the administrator enters and removes holidays
 * (audited), and working days are counted with it. On a database before v1.2 there is no calendar:
 * working days are Monday to Friday, and entering a holiday is refused.
 */
@Service
public class HolidayService {

    private static final Logger log = LoggerFactory.getLogger(HolidayService.class);
    static final String ENTITY = "holiday";
    static final int NAME_MAX = 100;
    private static final String LABELS = "holidays.field.";

    private final HolidayRepository holidays;
    private final AuditLog audit;
    private final SchemaFeatures features;

    HolidayService(HolidayRepository holidays, AuditLog audit, SchemaFeatures features) {
        this.holidays = holidays;
        this.audit = audit;
        this.features = features;
    }

    /** Whether the database has the calendar (v1.2). */
    public boolean available() {
        return features.isOfficeDay();
    }

    /** The holidays in force from {@code first} to {@code last}, in day order. */
    @Transactional(readOnly = true)
    public List<Holiday> between(LocalDate first, LocalDate last) {
        if (!available()) {
            return List.of();
        }
        return holidays.between(first, last);
    }

    /**
     * A calendar for working-day arithmetic: every holiday in force (a few dozen a decade, so all
     * of them; {@code from} and {@code to} say which days the caller is about).
     */
    @Transactional(readOnly = true)
    public WorkingDayCalendar calendar(LocalDate from, LocalDate to) {
        if (!available()) {
            return WorkingDayCalendar.weekendsOnly();
        }
        return new WorkingDayCalendar(holidays.between(LocalDate.of(2000, 1, 1), LocalDate.of(2200, 12, 31)));
    }

    @Transactional
    public Holiday add(NewHoliday request) {
        administratorOnly();
        if (!available()) {
            throw notOffered();
        }
        FieldErrors errors = new FieldErrors(LABELS);
        LocalDate day = null;
        String dayText = errors.requiredText("day", request.day(), 10);
        if (dayText != null) {
            try {
                day = LocalDate.parse(dayText);
                if (day.getYear() < 2000 || day.getYear() > 2200) {
                    errors.add("day", "out_of_range");
                    day = null;
                }
            } catch (DateTimeParseException e) {
                errors.add("day", "invalid_date");
            }
        }
        String nameNl = errors.requiredText("name_nl", request.nameNl(), NAME_MAX);
        String nameEn = errors.requiredText("name_en", request.nameEn(), NAME_MAX);
        errors.throwIfAny();
        if (holidays.inForceOn(day)) {
            throw ProblemException.conflict(
                    "holiday_exists", "%s is a holiday already; remove it first to enter it again.", day);
        }
        UUID id = holidays.insert(day, nameNl, nameEn);
        audit.record(AuditEvent.of("holiday_added", ENTITY, id)
                .with("day", day.toString())
                .with("name", nameNl)
                .with("name_en", nameEn));
        log.info("holiday {} entered for {}", id, day);
        return new Holiday(id, day, nameNl, nameEn);
    }

    @Transactional
    public void remove(UUID id) {
        administratorOnly();
        if (!available()) {
            throw notOffered();
        }
        Holiday holiday = holidays.find(id).orElseThrow(() -> ProblemException.notFound("holiday"));
        if (!holidays.remove(id)) {
            throw ProblemException.notFound("holiday");
        }
        audit.record(AuditEvent.of("holiday_removed", ENTITY, id)
                .with("day", holiday.day().toString())
                .with("name", holiday.nameNl())
                .with("name_en", holiday.nameEn()));
        log.info("holiday {} of {} removed", id, holiday.day());
    }

    private static void administratorOnly() {
        Role role = ActorContext.current().map(a -> a.role()).orElse(null);
        if (role != Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "Only the administrator keeps the holiday calendar.");
        }
    }

    private static ProblemException notOffered() {
        return ProblemException.notFound("The holiday calendar (it comes with the migration plan v1.2)");
    }
}
