package sr.gov.vpflow.guests;

/**
 * Changes to a guest, made against the {@code version} the editor read. A field left null stays
 * as it is; an empty text clears an optional field.
 */
public record GuestEdit(
        String fullName,
        String honorific,
        String organisation,
        String position,
        String email,
        String phone,
        String notes,
        Integer version) {}
