package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentSearchTest {

    @Test
    void aSnippetMarksTheWordsFoundAndEscapesEverythingElse() {
        String snippet =
                "Geachte <script>alert('x')</script> & co, \u0002begroting\u0003 \"2027\"\n<b>\u0002vet\u0003</b>";
        assertThat(DocumentSearch.snippetHtml(snippet))
                .isEqualTo("Geachte &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co, <mark>begroting</mark>"
                        + " &quot;2027&quot; &lt;b&gt;<mark>vet</mark>&lt;/b&gt;");
    }

    @Test
    void marksOutOfOrderNeverLeaveAnElementOpenOrClosedTwice() {
        assertThat(DocumentSearch.snippetHtml("\u0003a\u0002b\u0002c")).isEqualTo("a<mark>bc</mark>");
        assertThat(DocumentSearch.snippetHtml(null)).isEmpty();
        assertThat(DocumentSearch.snippetHtml("één")).isEqualTo("één");
    }
}
