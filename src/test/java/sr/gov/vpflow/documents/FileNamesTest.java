package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void namesLoseFoldersControlCharactersAndLeadingDots() {
        assertThat(FileNames.sanitize("/etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("..\\..\\boot.ini")).isEqualTo("boot.ini");
        assertThat(FileNames.sanitize(".bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.sanitize("a\r\nContent-Type: text/html.pdf")).isEqualTo("html.pdf");
        assertThat(FileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.sanitize("  ")).isNull();
        assertThat(FileNames.sanitize("..")).isNull();
        assertThat(FileNames.sanitize(null)).isNull();
        assertThat(FileNames.sanitize("Notulen 12-03.docx")).isEqualTo("Notulen 12-03.docx");
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String name = FileNames.sanitize("b".repeat(400) + ".xlsx");
        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith("b.xlsx");
        assertThat(FileNames.sanitize("c".repeat(400))).hasSize(FileNames.MAX_LENGTH);
    }

    @Test
    void contentDispositionHasAnAsciiNameAndTheExactOne() {
        assertThat(FileNames.contentDisposition("attachment", "Begroting 2027 – €.pdf"))
                .isEqualTo(
                        "attachment; filename=\"Begroting 2027 _ _.pdf\"; filename*=UTF-8''Begroting%202027%20%E2%80%93%20%E2%82%AC.pdf");
        assertThat(FileNames.contentDisposition("inline", "50% \"klaar\"\\.txt"))
                .isEqualTo("inline; filename=\"50_ _klaar__.txt\"; filename*=UTF-8''50%25%20%22klaar%22%5C.txt");
    }
}
