package sr.gov.vpflow.appointments;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an appointment stands. The legal moves are decided here and repeated by the database
 * ({@code appointments_status_rules}): completed, cancelled and no-show are final.
 */
public enum AppointmentStatus {
    /** Asked for; the time is a wish and holds no slot in the agenda. */
    REQUESTED,
    /** Booked; holds its slot. */
    SCHEDULED,
    /** The guest has checked in at the office; holds its slot. */
    ARRIVED,
    COMPLETED,
    CANCELLED,
    NO_SHOW;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AppointmentStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    /** Active appointments hold their time: two of them never overlap. */
    public boolean isActive() {
        return this == SCHEDULED || this == ARRIVED;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == NO_SHOW;
    }

    /** Only an appointment that has not begun to take place moves to another time. */
    public boolean canMove() {
        return this == REQUESTED || this == SCHEDULED;
    }

    public Set<AppointmentStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(SCHEDULED, CANCELLED);
            case SCHEDULED -> EnumSet.of(ARRIVED, COMPLETED, CANCELLED, NO_SHOW);
            case ARRIVED -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED, NO_SHOW -> EnumSet.noneOf(AppointmentStatus.class);
        };
    }

    public boolean canBecome(AppointmentStatus target) {
        return next().contains(target);
    }
}
