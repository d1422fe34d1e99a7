package sr.gov.vpflow.guests;

/** The request to register a guest. Only {@code fullName} is required. */
public record NewGuest(
        String fullName,
        String honorific,
        String organisation,
        String position,
        String email,
        String phone,
        String notes) {}
