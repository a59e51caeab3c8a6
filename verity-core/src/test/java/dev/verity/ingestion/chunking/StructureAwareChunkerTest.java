package dev.verity.ingestion.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.NoteKind;
import dev.verity.document.ParsedDocument;
import dev.verity.embedding.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureAwareChunkerTest {
    /** Words as tokens keep the arithmetic in these tests visible. */
    private static final TokenCounter WORDS = TokenCounter.whitespace();

    private static List<ChunkDraft> chunk(ParsedDocument doc, int maxTokens) {
        return new StructureAwareChunker(WORDS, new ChunkingSettings(maxTokens)).chunk(doc);
    }

    private static String words(String prefix, int n) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w.add(prefix + i);
        }
        return String.join(" ", w);
    }

    @Test
    void cutsNotesIntoChunksOfTheirOwnMarkedWithWhatTheyAreAndLeavesTheBodyAsItWas() {
        DocumentBuilder body = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                .heading(1, "Leave")
                .paragraph("Staff get 25 days of paid leave.")
                .paragraph("Leave carries over to March.");
        List<ChunkDraft> bodyOnly = chunk(body.build(), 100);
        ParsedDocument withNotes = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                .heading(1, "Leave")
                .paragraph("Staff get 25 days of paid leave.")
                .note(NoteKind.COMMENT, "Ana Berg", "Check the figure with HR.")
                .note(NoteKind.COMMENT, "Li Wei", "Agreed.")
                .paragraph("Leave carries over to March.")
                .note(NoteKind.FOOTER, "", "ACME confidential")
                .build();

        List<ChunkDraft> chunks = chunk(withNotes, 100);

        // the two body paragraphs are split around the notes: one chunk each, the notes never packed with them
        assertThat(chunks)
                .extracting(
                        ChunkDraft::kind, ChunkDraft::text, c -> c.location().passage())
                .containsExactly(
                        tuple(ChunkKind.PROSE, "Staff get 25 days of paid leave.", ""),
                        tuple(ChunkKind.NOTE, "Check the figure with HR.", "comment by Ana Berg"),
                        tuple(ChunkKind.NOTE, "Agreed.", "comment by Li Wei"),
                        tuple(ChunkKind.PROSE, "Leave carries over to March.", ""),
                        tuple(ChunkKind.NOTE, "ACME confidential", "footer"));
        assertThat(chunks.get(1).context()).isEqualTo("Handbook > Leave > comment by Ana Berg");
        assertThat(chunks.get(1).location().sectionPath()).containsExactly("Leave");
        assertThat(chunks.get(3).context()).isEqualTo(bodyOnly.getFirst().context());
        assertThat(bodyOnly.getFirst().text())
                .isEqualTo("Staff get 25 days of paid leave.\n\nLeave carries over to March.");
        for (ChunkDraft c : chunks) {
            assertThat(withNotes
                            .text()
                            .substring(
                                    c.location().span().start(),
                                    c.location().span().end()))
                    .isEqualTo(c.text());
        }
    }

    @Test
    void aSlideWithOnlyATitleIsAChunkOfItsOwnSoADeckOfTitlesIsNotEmpty() {
        ParsedDocument deck = new DocumentBuilder("Deck", "application/pdf", DocumentKind.SLIDES)
                .page(1)
                .heading(1, "Welcome")
                .page(2)
                .heading(1, "Results")
                .paragraph("Revenue grew.")
                .page(3)
                .heading(1, "Questions")
                .build();

        List<ChunkDraft> chunks = chunk(deck, 100);

        assertThat(chunks)
                .extracting(ChunkDraft::text, c -> c.location().pageStart())
                .containsExactly(tuple("Welcome", 1), tuple("Revenue grew.", 2), tuple("Questions", 3));
    }

    @Test
    void headingsFollowedByTextOnTheirPageAreContextNotChunks() {
        ParsedDocument doc = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                .page(1)
                .heading(1, "Leave")
                .heading(2, "Annual leave")
                .paragraph("Staff get 25 days.")
                .build();

        assertThat(chunk(doc, 100)).extracting(ChunkDraft::text).containsExactly("Staff get 25 days.");
    }

    @Test
    void givesChunksOnOcrdPagesTheirPageConfidenceAndOthersNone() {
        ParsedDocument doc = new DocumentBuilder("Mixed", "application/pdf", DocumentKind.PROSE)
                .page(1)
                .paragraph("Typed text from a text layer.")
                .page(2)
                .paragraph("Scanned text read by OCR.")
                .ocrPage(2, 87.5, 5)
                .build();

        List<ChunkDraft> chunks = chunk(doc, 100);

        assertThat(chunks).extracting(c -> c.location().pageStart()).containsExactly(1, 2);
        assertThat(chunks.get(0).location().ocrConfidence()).isEmpty();
        assertThat(chunks.get(1).location().ocrConfidence()).hasValue(87.5);
    }

    @Test
    void startsANewChunkAtEveryHeadingAndCarriesTheHeadingPathAsContext() {
        ParsedDocument doc = new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                .heading(1, "Benefits")
                .heading(2, "Leave")
                .paragraph("Staff get 25 days of paid leave.")
                .heading(2, "Pension")
                .paragraph("The employer adds 5 percent.")
                .build();

        List<ChunkDraft> chunks = chunk(doc, 100);

        assertThat(chunks)
                .extracting(ChunkDraft::text)
                .containsExactly("Staff get 25 days of paid leave.", "The employer adds 5 percent.");
        assertThat(chunks.get(0).location().sectionPath()).containsExactly("Benefits", "Leave");
        assertThat(chunks.get(1).location().sectionPath()).containsExactly("Benefits", "Pension");
        assertThat(chunks.get(1).context()).isEqualTo("Handbook > Benefits > Pension");
    }

    @Test
    void packsWholeParagraphsUnderTheBudgetAndKeepsTextAVerbatimSliceOfTheDocument() {
        ParsedDocument doc = new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                .paragraph(words("a", 10))
                .paragraph(words("b", 10))
                .paragraph(words("c", 10))
                .build();

        // budget 40 - 2 special tokens = 38 words of text: two 10-word paragraphs fit, a third also (30 <= 38)
        assertThat(chunk(doc, 40)).hasSize(1);
        // budget 32 - 2 = 30: still 30 words fit
        assertThat(chunk(doc, 32)).hasSize(1);
        // budget 30 - 2 = 28: the third paragraph starts a second chunk
        List<ChunkDraft> two = chunk(
                new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                        .paragraph(words("a", 14))
                        .paragraph(words("b", 14))
                        .paragraph(words("c", 14))
                        .build(),
                32);
        assertThat(two).hasSize(2);
        for (ChunkDraft draft : two) {
            assertThat(draft.tokenCount()).isLessThanOrEqualTo(30);
        }
        ParsedDocument parsed = new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                .paragraph(words("a", 14))
                .paragraph(words("b", 14))
                .paragraph(words("c", 14))
                .build();
        for (ChunkDraft draft : chunk(parsed, 32)) {
            var span = draft.location().span();
            assertThat(parsed.text().substring(span.start(), span.end())).isEqualTo(draft.text());
        }
    }

    @Test
    void splitsAnOversizedParagraphAtSentenceBoundaries() {
        String sentence1 = words("x", 20) + ".";
        String sentence2 = words("Y", 20) + ".";
        ParsedDocument doc = new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                .paragraph(sentence1 + " " + sentence2)
                .build();

        assertThat(chunk(doc, 32)).extracting(ChunkDraft::text).containsExactly(sentence1, sentence2);
    }

    @Test
    void splitsARunOnSentenceAtWordBoundariesWithoutLosingAWord() {
        String runOn = words("w", 100);
        ParsedDocument doc = new DocumentBuilder("", "text/plain", DocumentKind.PROSE)
                .paragraph(runOn)
                .build();

        List<ChunkDraft> chunks = chunk(doc, 32);

        assertThat(chunks).hasSize(4); // 30 words per chunk: 30 + 30 + 30 + 10
        assertThat(String.join(" ", chunks.stream().map(ChunkDraft::text).toList()))
                .isEqualTo(runOn);
    }

    @Test
    void tableChunksRepeatTheHeaderAndNeverSplitARow() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(List.of("item" + i, "price " + i, "qty " + i));
        }
        ParsedDocument doc = new DocumentBuilder("Prices", "text/csv", DocumentKind.TABLES)
                .table("", List.of("Item", "Price", "Quantity"), rows)
                .build();

        // context "Prices" = 1 token; text budget 40 - 1 - 2 = 37; header "Item | Price | Quantity" = 5 words;
        // each row "itemN | price N | qty N" = 7 words: 5 + 4 * 7 = 33 fits, a fifth row would make 40
        List<ChunkDraft> chunks = chunk(doc, 40);

        assertThat(chunks).hasSize(3).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ChunkKind.TABLE);
            assertThat(c.text()).startsWith("Item | Price | Quantity\n");
        });
        assertThat(chunks.get(0).text().lines().skip(1)).hasSize(4);
        assertThat(chunks.get(1).text()).contains("item4 | price 4 | qty 4");
        assertThat(chunks.get(2).text().lines().skip(1))
                .containsExactly("item8 | price 8 | qty 8", "item9 | price 9 | qty 9");
    }

    @Test
    void slideChunksNeverSpanTwoSlides() {
        ParsedDocument doc = new DocumentBuilder("Deck", "application/vnd.ms-powerpoint", DocumentKind.SLIDES)
                .page(1)
                .heading(1, "Roadmap")
                .paragraph("Launch in May.")
                .page(2)
                .paragraph("Hiring two engineers.")
                .build();

        List<ChunkDraft> chunks = chunk(doc, 200);

        assertThat(chunks).extracting(ChunkDraft::text).containsExactly("Launch in May.", "Hiring two engineers.");
        assertThat(chunks).extracting(c -> c.location().pageStart()).containsExactly(1, 2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.kind()).isEqualTo(ChunkKind.SLIDE));
    }

    @Test
    void emailChunksCarryTheMessageHeadersAsContext() {
        ParsedDocument doc = new DocumentBuilder("Outage", "message/rfc822", DocumentKind.EMAIL)
                .header("From", "ops@example.com")
                .header("Subject", "Outage")
                .paragraph("The database was down for 12 minutes.")
                .build();

        ChunkDraft chunk = chunk(doc, 200).getFirst();

        assertThat(chunk.kind()).isEqualTo(ChunkKind.EMAIL);
        assertThat(chunk.context()).isEqualTo("From: ops@example.com | Subject: Outage");
        assertThat(chunk.text()).isEqualTo("The database was down for 12 minutes.");
    }

    @Test
    void chunksNeverSpanTwoPagesSoCitationsNameTheExactPage() {
        ParsedDocument doc = new DocumentBuilder("", "application/pdf", DocumentKind.PROSE)
                .page(3)
                .paragraph("End of page three.")
                .paragraph("Still page three.")
                .page(4)
                .paragraph("Start of page four.")
                .build();

        List<ChunkDraft> chunks = chunk(doc, 200);

        assertThat(chunks)
                .extracting(ChunkDraft::text)
                .containsExactly("End of page three.\n\nStill page three.", "Start of page four.");
        assertThat(chunks).extracting(c -> c.location().pageStart()).containsExactly(3, 4);
        assertThat(chunks).extracting(c -> c.location().pageEnd()).containsExactly(3, 4);
    }
}
