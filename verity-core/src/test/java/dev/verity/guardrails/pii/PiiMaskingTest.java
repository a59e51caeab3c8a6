package dev.verity.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiMaskingTest {
    /** E-mail addresses only: enough to see what masking does with what a detector finds. */
    private static final PiiDetector EMAILS = text -> {
        List<PiiSpan> spans = new ArrayList<>();
        Matcher m = Pattern.compile("[a-z]+@[a-z]+\\.com").matcher(text);
        while (m.find()) {
            spans.add(new PiiSpan(PiiType.EMAIL, m.start(), m.end()));
        }
        return spans;
    };

    private static ParsedDocument document() {
        DocumentBuilder b = new DocumentBuilder("Contact ana@example.com", "text/plain", DocumentKind.PROSE);
        b.heading(1, "Write to ana@example.com");
        b.paragraph("Questions go to bob@example.com or the desk.");
        b.table("staff", List.of("name", "mail"), List.of(List.of("Carl", "carl@example.com")));
        return b.build().withLanguage("en");
    }

    @Test
    void personalDataIsMaskedInTextTitleAndEveryBlockKeepingEveryOffset() {
        ParsedDocument original = document();

        ParsedDocument masked = PiiMasking.of(EMAILS, Set.of("hr")).redact("hr", original);

        assertThat(masked.text()).hasSameSizeAs(original.text()).doesNotContain("@example.com");
        assertThat(masked.text()).contains("Questions go to [email]******** or the desk.");
        assertThat(masked.title()).isEqualTo("Contact [email]********");
        for (Block block : masked.blocks()) {
            String slice =
                    masked.text().substring(block.span().start(), block.span().end());
            switch (block) {
                case Block.Paragraph p -> assertThat(p.text()).isEqualTo(slice);
                case Block.Heading h -> assertThat(h.text()).isEqualTo(slice);
                case Block.Table t ->
                    t.rows()
                            .forEach(row -> assertThat(masked.text()
                                            .substring(
                                                    row.span().start(),
                                                    row.span().end()))
                                    .isEqualTo(row.line())
                                    .doesNotContain("@"));
                default -> {}
            }
        }
        assertThat(masked.blocks()).hasSameSizeAs(original.blocks());
    }

    @Test
    void documentsOfOtherCollectionsAreLeftAsParsed() {
        ParsedDocument original = document();

        assertThat(PiiMasking.of(EMAILS, Set.of("hr")).redact("public", original))
                .isSameAs(original);
        assertThat(PiiMasking.all(EMAILS).redact("public", original).text()).doesNotContain("@example.com");
        assertThat(DocumentRedaction.none().redact("hr", original)).isSameAs(original);
    }

    @Test
    void aSpanShorterThanItsLabelIsStars() {
        PiiDetector shortOne = text -> List.of(new PiiSpan(PiiType.EMAIL, 0, 3));

        assertThat(PiiMasking.all(shortOne).mask("a@b rest")).isEqualTo("*** rest");
        assertThat(PiiMasking.all(EMAILS).redact("x", document()).headers()).isEqualTo(Map.of());
    }
}
