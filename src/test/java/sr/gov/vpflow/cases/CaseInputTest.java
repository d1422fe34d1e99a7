package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaseInputTest {

    @Test
    void anOpeningIsReadWithTypedValues() {
        UUID guest = UUID.randomUUID();
        OpenCase open = CaseInput.opening(
                Map.of("title", "Titel", "priority", "high", "due_date", "2026-03-14", "guest_id", guest.toString()));
        assertThat(open.priority()).isEqualTo(CasePriority.HIGH);
        assertThat(open.dueDate()).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(open.guestId()).isEqualTo(guest);
    }

    @Test
    void anEditNamesOnlyTheFieldsItSetsAndNeedsAVersion() {
        Map<String, Object> body = new HashMap<>();
        body.put("version", 3);
        body.put("description", null);
        body.put("state", "in_progress");
        EditCase edit = CaseInput.edit(body, true);
        assertThat(edit.version()).isEqualTo(3);
        assertThat(edit.values()).containsOnlyKeys(CaseField.DESCRIPTION, CaseField.STATE);
        assertThat(edit.values().get(CaseField.STATE)).isEqualTo(CaseState.IN_PROGRESS);
        assertThatThrownBy(() -> CaseInput.edit(Map.of("title", "x"), true))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.code()).isEqualTo("version_required"));
        assertThat(CaseInput.edit(Map.of("version", "7"), true).version()).isEqualTo(7);
    }

    @Test
    void everyBadFieldIsNamed() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", 42);
        body.put("appointment_id", "1-2-3-4-5");
        body.put("due_date", "2026-02-30");
        body.put("version", -1);
        body.put("id", UUID.randomUUID().toString());
        assertThatThrownBy(() -> CaseInput.edit(body, true))
                .isInstanceOfSatisfying(
                        CaseException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field() + ":" + p.code())
                                .containsExactlyInAnyOrder(
                                        "title:invalid_value",
                                        "appointment_id:invalid_id",
                                        "due_date:invalid_date",
                                        "version:invalid_value",
                                        "id:unknown_field"));
    }

    @Test
    void closingReadsTheResolutionAndAnOptionalVersion() {
        CloseCase close = CaseInput.closing(Map.of("resolution", "Besloten"));
        assertThat(close.resolution()).isEqualTo("Besloten");
        assertThat(close.version()).isNull();
        assertThatThrownBy(() -> CaseInput.closing(Map.of("resolution", "x", "state", "closed")))
                .isInstanceOf(CaseException.class);
    }
}
