package dev.verity.generation.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CitationVerifierTest {
    private static final DocumentInfo DOC = new DocumentInfo(
            "doc_1",
            1,
            "default",
            "default",
            Set.of(),
            "a.txt",
            "A",
            "text/plain",
            "en",
            "0".repeat(64),
            Instant.EPOCH);
    private static final Chunk CHUNK = new Chunk(
            "doc_1-v1-0000",
            DOC,
            0,
            ChunkKind.PROSE,
            "Staff get 25 days of leave. Sick leave is unlimited.",
            "",
            new Location(1, 1, List.of(), new Span(0, 52)),
            "h",
            10);

    private static Citation citing(String chunkId, String quote) {
        return new Citation("a.txt", 1, "", quote, chunkId, "doc_1", 0.9);
    }

    private final CitationVerifier verifier = new CitationVerifier();

    @Test
    void keepsQuotesThatAreExactSubstringsOfTheCitedChunk() {
        Answer answer = new Answer(
                "Staff get 25 days of leave.", false, 0.9, List.of(citing(CHUNK.id(), "Staff get 25 days of leave.")));

        CitationVerifier.Verified verified = verifier.verify(answer, Map.of(CHUNK.id(), CHUNK));

        assertThat(verified.answer()).isEqualTo(answer);
        assertThat(verified.dropped()).isZero();
    }

    @Test
    void dropsAlteredQuotesAndCitationsOfChunksOutsideTheEvidence() {
        Answer answer = new Answer(
                "x",
                false,
                0.9,
                List.of(
                        citing(CHUNK.id(), "Staff get 30 days of leave."),
                        citing("doc_9-v1-0000", "Staff get 25 days of leave."),
                        citing(CHUNK.id(), "Sick leave is unlimited.")));

        CitationVerifier.Verified verified = verifier.verify(answer, Map.of(CHUNK.id(), CHUNK));

        assertThat(verified.answer().citations())
                .extracting(Citation::quote)
                .containsExactly("Sick leave is unlimited.");
        assertThat(verified.dropped()).isEqualTo(2);
    }

    @Test
    void anAnswerLeftWithoutAnyVerifiedCitationBecomesAnAbstention() {
        Answer answer = new Answer("Staff get 30 days.", false, 0.9, List.of(citing(CHUNK.id(), "Staff get 30 days.")));

        Answer verified = verifier.verify(answer, Map.of(CHUNK.id(), CHUNK)).answer();

        assertThat(verified.abstained()).isTrue();
        assertThat(verified.text()).isEqualTo(Answer.ABSTENTION_MESSAGE);
        assertThat(verified.citations()).isEmpty();
    }
}
