package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.FieldErrors.FieldError;

class CaseDraftTest {

    private static final CaseDraft DRAFT = CaseDraft.of(new OpenCase(" Titel ", "", null, null, null, null));

    @Test
    void textsAreStrippedAndEmptyTextIsNoText() {
        assertThat(DRAFT.title()).isEqualTo("Titel");
        assertThat(DRAFT.description()).isNull();
        assertThat(DRAFT.priority()).isEqualTo(CasePriority.NORMAL);
        assertThat(DRAFT.state()).isEqualTo(CaseState.OPEN);
    }

    @Test
    void lengthsAreCountedInCharactersAsTheDatabaseCountsThem() {
        String emoji = "\uD83D\uDE00".repeat(200);
        assertThat(CaseDraft.of(new OpenCase(emoji, null, null, null, null, null))
                        .problems())
                .isEmpty();
        assertThat(CaseDraft.of(new OpenCase(emoji + "x", null, null, null, null, null))
                        .problems())
                .extracting(FieldError::code)
                .containsExactly("too_long");
        assertThat(CaseDraft.of(new OpenCase(null, "d".repeat(10_001), null, null, null, null))
                        .problems())
                .extracting(FieldError::field)
                .containsExactly("title", "description");
    }

    @Test
    void anEditKeepsWhatItLeavesOutAndClearsWhatItSetsToNull() {
        UUID guest = UUID.randomUUID();
        CaseDraft withGuest = DRAFT.withGuest(guest);
        java.util.Map<CaseField, Object> edit = new java.util.EnumMap<>(CaseField.class);
        edit.put(CaseField.DUE_DATE, LocalDate.of(2026, 5, 1));
        edit.put(CaseField.GUEST_ID, null);
        CaseDraft after = withGuest.with(edit);
        assertThat(after.title()).isEqualTo("Titel");
        assertThat(after.dueDate()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(after.guestId()).isNull();

        Map<String, Map<String, Object>> changes = CaseDraft.changes(withGuest, after);
        assertThat(changes).containsOnlyKeys("due_date", "guest_id");
        assertThat(changes.get("due_date")).containsEntry("from", null).containsEntry("to", "2026-05-01");
        assertThat(changes.get("guest_id"))
                .containsEntry("from", guest.toString())
                .containsEntry("to", null);
        assertThat(CaseDraft.changes(after, after)).isEmpty();
    }
}
