package sr.gov.vpflow.cases;

import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of the case form as typed, so that a refused form comes back as the user left it. */
record CaseForm(
        String title,
        String description,
        String priority,
        String dueDate,
        String guestId,
        String appointmentId,
        String version) {

    static CaseForm empty() {
        return new CaseForm("", "", CasePriority.NORMAL.code(), "", "", "", null);
    }

    static CaseForm of(CaseView view) {
        return new CaseForm(
                view.title(),
                view.description() == null ? "" : view.description(),
                view.priority(),
                view.dueDate() == null ? "" : view.dueDate().toString(),
                view.guestId() == null ? "" : view.guestId().toString(),
                view.appointmentId() == null ? "" : view.appointmentId().toString(),
                Integer.toString(view.version()));
    }

    /** The form as posted; fields it does not know (such as the CSRF token) are left out. */
    static CaseForm from(Map<String, String> params) {
        return new CaseForm(
                params.getOrDefault("title", ""),
                params.getOrDefault("description", ""),
                params.getOrDefault("priority", ""),
                params.getOrDefault("due_date", ""),
                params.getOrDefault("guest_id", ""),
                params.getOrDefault("appointment_id", ""),
                params.get("version"));
    }

    /**
     * The fields by their column names, as {@link CaseInput} reads them. With an appointment
     * chosen the guest is left out, so that the case takes the appointment's guest, as the form
     * tells the user.
     */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("description", description);
        fields.put("priority", priority);
        fields.put("due_date", dueDate);
        if (appointmentId == null || appointmentId.isBlank()) {
            fields.put("guest_id", guestId);
        }
        fields.put("appointment_id", appointmentId);
        return fields;
    }
}
