package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Block;
import dev.verity.document.Chunk;
import dev.verity.document.DocumentBuilder;
import dev.verity.document.DocumentKind;
import dev.verity.document.ParsedDocument;
import dev.verity.embedding.TokenCounter;
import dev.verity.ingestion.chunking.ChunkDraft;
import dev.verity.ingestion.chunking.Chunker;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Chunker} must do with any document: drafts in reading order whose spans point into the document's
 * text (the chunk text is that slice, or ends with it for table chunks that repeat their header), none over the token
 * budget, every word of every block searchable in some chunk's text or context (headings become context), and the
 * same drafts for the same document. Subclass it once per implementation and supply {@link #chunker()},
 * {@link #tokens()} and {@link #maxTokens()}. Implementations: {@code StructureAwareChunker} (the testkit's own
 * tests); {@code TableChunker} is a part of it, not a {@link Chunker}, and is covered through its table document.
 */
public abstract class ChunkerContract {

    /** The chunker under test, set to {@link #maxTokens()} counted by {@link #tokens()}. */
    protected abstract Chunker chunker();

    protected abstract TokenCounter tokens();

    protected abstract int maxTokens();

    /** Prose with headings over two pages, a paragraph far over any budget, a list, a long table, an e-mail. */
    static Stream<ParsedDocument> documents() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rows.add(List.of("Plan " + i, "$" + (i * 10), "Up to " + i + " seats and " + i + " projects"));
        }
        String longParagraph = "Employees accrue paid leave every month of service. ".repeat(40)
                + "Unused days carry over to the next year up to a limit of ten days.";
        return Stream.of(
                new DocumentBuilder("Handbook", "application/pdf", DocumentKind.PROSE)
                        .page(1)
                        .heading(1, "Leave")
                        .paragraph("Staff get 25 days of paid leave.")
                        .paragraph(longParagraph)
                        .page(2)
                        .heading(2, "Sick leave")
                        .listItem("Sick leave is unlimited.")
                        .listItem("A doctor's note is needed after three days.")
                        .build(),
                new DocumentBuilder("Prices", "text/csv", DocumentKind.TABLES)
                        .table("Plans", List.of("Plan", "Price", "Limits"), rows)
                        .build(),
                new DocumentBuilder("Re: leave", "message/rfc822", DocumentKind.EMAIL)
                        .header("From", "ann@example.com")
                        .header("Subject", "Re: leave")
                        .paragraph(
                                "Yes, the carry-over limit is ten days. " + "See the handbook for details. ".repeat(20))
                        .build());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everySpanPointsIntoTheDocumentTextAndTheChunkQuotesIt(ParsedDocument document) {
        List<ChunkDraft> drafts = chunker().chunk(document);

        assertThat(drafts).isNotEmpty();
        for (ChunkDraft d : drafts) {
            int start = d.location().span().start();
            int end = d.location().span().end();
            assertThat(end)
                    .as("span of %s", d.text())
                    .isLessThanOrEqualTo(document.text().length());
            assertThat(d.text()).isNotBlank().endsWith(document.text().substring(start, end));
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void draftsComeInReadingOrder(ParsedDocument document) {
        List<ChunkDraft> drafts = chunker().chunk(document);

        for (int i = 1; i < drafts.size(); i++) {
            assertThat(drafts.get(i).location().span().start())
                    .isGreaterThanOrEqualTo(drafts.get(i - 1).location().span().start());
            assertThat(drafts.get(i).location().pageStart())
                    .isGreaterThanOrEqualTo(drafts.get(i - 1).location().pageStart());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void noDraftIsOverTheTokenBudget(ParsedDocument document) {
        for (ChunkDraft d : chunker().chunk(document)) {
            assertThat(d.tokenCount()).as("tokens of %s", d.text()).isLessThanOrEqualTo(maxTokens());
            assertThat(tokens().count(Chunk.searchText(d.context(), d.text()))).isLessThanOrEqualTo(maxTokens());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyWordOfEveryBlockIsSearchableInSomeChunk(ParsedDocument document) {
        List<ChunkDraft> drafts = chunker().chunk(document);

        for (Block block : document.blocks()) {
            String blockText =
                    document.text().substring(block.span().start(), block.span().end());
            for (String word : blockText.split("\\s+")) {
                if (!word.isEmpty()) {
                    assertThat(drafts)
                            .as("a chunk holding \"%s\"", word)
                            .anySatisfy(d -> assertThat(Chunk.searchText(d.context(), d.text()))
                                    .contains(word));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theSameDocumentIsCutTheSameWay(ParsedDocument document) {
        assertThat(chunker().chunk(document)).isEqualTo(chunker().chunk(document));
    }
}
