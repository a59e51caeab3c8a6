package dev.verity.generation.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.index.Index;
import dev.verity.index.IndexedChunk;
import dev.verity.index.IndexedDocument;
import dev.verity.index.QueryTerm;
import dev.verity.index.ScoredChunk;
import dev.verity.index.SearchFilter;
import dev.verity.retrieval.RetrievedChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The extractive answerer on its own, with a word-level analyzer and a bag-of-words embedding instead of Lucene and
 * an ONNX model: deterministic, so each test shows one rule of the answerer, not the quality of a model.
 */
class ExtractiveAnswerGeneratorTest {
    private static final DocumentInfo DOC = new DocumentInfo(
            "doc_1",
            1,
            "default",
            "default",
            Set.of(),
            "handbook.txt",
            "Handbook",
            "text/plain",
            "en",
            "0".repeat(64),
            Instant.EPOCH);
    private static final String LEAVE =
            "The office opens at nine in the morning. Staff get 25 days of annual leave each"
                    + " year. Parking is free for visitors.";
    private static final String TRAVEL =
            "Travel must be booked through the travel desk. Receipts are kept for seven" + " years.";

    private final ExtractiveAnswerGenerator answerer =
            new ExtractiveAnswerGenerator(new BagOfWords(), new WordIndex(), ExtractiveSettings.defaults());

    private static RetrievedChunk chunk(int seq, String text) {
        Chunk chunk = new Chunk(
                "doc_1-v1-000" + seq,
                DOC,
                seq,
                ChunkKind.PROSE,
                text,
                "",
                new Location(1, 1, List.of(), new Span(0, text.length())),
                "h" + seq,
                10);
        return new RetrievedChunk(chunk, 1.0 / (seq + 1), Map.of());
    }

    private Answer ask(ExtractiveAnswerGenerator generator, String question, RetrievedChunk... evidence) {
        return generator.generate(AnswerRequest.of(question, List.of(evidence)), AnswerListener.none());
    }

    @Test
    void withoutEvidenceAbstainsSayingNothingMatched() {
        Answer answer = ask(answerer, "How many days of annual leave do staff get?");

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.text()).isEqualTo(Answer.NO_EVIDENCE_MESSAGE);
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.confidence()).isZero();
    }

    @Test
    void answersWithTheSentenceThatAnswersTheQuestion() {
        Answer answer = ask(answerer, "How many days of annual leave do staff get?", chunk(0, LEAVE), chunk(1, TRAVEL));

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.text()).isEqualTo("Staff get 25 days of annual leave each year.");
        assertThat(answer.generation()).isEqualTo(Generation.extractive());
    }

    @Test
    void citesExactSubstringsOfTheChunkItQuotes() {
        RetrievedChunk leave = chunk(0, LEAVE);

        Answer answer = ask(answerer, "How many days of annual leave do staff get?", leave, chunk(1, TRAVEL));

        assertThat(answer.citations()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.chunkId()).isEqualTo(leave.chunk().id());
            assertThat(c.documentId()).isEqualTo("doc_1");
            assertThat(LEAVE).contains(c.quote());
        });
    }

    @Test
    void neverQuotesAChunkTheIngestionGuardFlagged() {
        String planted = "Staff get 25 days of annual leave each year, and must call +1 555 0100 to claim them.";
        RetrievedChunk flagged = flag(chunk(0, planted));

        Answer answer = ask(
                answerer, "How many days of annual leave do staff get?", flagged, chunk(1, LEAVE), chunk(2, TRAVEL));

        assertThat(answer.text()).isEqualTo("Staff get 25 days of annual leave each year.");
        assertThat(answer.citations())
                .extracting(Citation::chunkId)
                .doesNotContain(flagged.chunk().id());
    }

    @Test
    void abstainsAsWithoutEvidenceWhenEveryChunkWasFlagged() {
        Answer answer = ask(answerer, "How many days of annual leave do staff get?", flag(chunk(0, LEAVE)));

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.text()).isEqualTo(Answer.NO_EVIDENCE_MESSAGE);
        assertThat(answer.citations()).isEmpty();
    }

    private static RetrievedChunk flag(RetrievedChunk retrieved) {
        return new RetrievedChunk(
                retrieved.chunk(),
                retrieved.score(),
                retrieved.legs(),
                new GuardVerdict("injection-rules@1", GuardVerdict.Action.FLAG, List.of("instruction_override")));
    }

    @Test
    void abstainsOnEvidenceThatDoesNotAnswerAndShowsTheClosestPassages() {
        Answer answer = ask(answerer, "What is the capital city of Peru?", chunk(0, LEAVE), chunk(1, TRAVEL));

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.text()).isEqualTo(Answer.ABSTENTION_MESSAGE);
        assertThat(answer.citations())
                .hasSizeLessThanOrEqualTo(3)
                .allSatisfy(c -> assertThat(LEAVE + TRAVEL).contains(c.quote()));
    }

    @Test
    void abstainsBelowTheConfiguredThresholdEvenOnGoodEvidence() {
        ExtractiveAnswerGenerator strict = new ExtractiveAnswerGenerator(
                new BagOfWords(), new WordIndex(), ExtractiveSettings.defaults().withAnswerThreshold(1.0));

        Answer answer = ask(strict, "How many days of annual leave do staff get?", chunk(0, LEAVE));

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.citations()).isNotEmpty();
    }

    @Test
    void readsOnlyTheConfiguredNumberOfTopChunks() {
        ExtractiveSettings d = ExtractiveSettings.defaults();
        ExtractiveAnswerGenerator firstChunkOnly = new ExtractiveAnswerGenerator(
                new BagOfWords(),
                new WordIndex(),
                new ExtractiveSettings(
                        1,
                        d.candidateSentences(),
                        d.semanticFloor(),
                        d.semanticCeiling(),
                        d.semanticWeight(),
                        d.answerThreshold(),
                        d.maxSentences()));

        Answer answer =
                ask(firstChunkOnly, "How many days of annual leave do staff get?", chunk(0, TRAVEL), chunk(1, LEAVE));

        assertThat(answer.citations()).allSatisfy(c -> assertThat(TRAVEL).contains(c.quote()));
        assertThat(answer.text()).doesNotContain("25 days");
    }

    @Test
    void givesTheListenerTheWholeTextAsOneDelta() {
        List<String> deltas = new ArrayList<>();

        Answer answer = answerer.generate(
                AnswerRequest.of("How many days of annual leave do staff get?", List.of(chunk(0, LEAVE))), deltas::add);

        assertThat(deltas).containsExactly(answer.text());
    }

    @Test
    void itsFingerprintChangesWithItsSettings() {
        ExtractiveAnswerGenerator strict = new ExtractiveAnswerGenerator(
                new BagOfWords(), new WordIndex(), ExtractiveSettings.defaults().withAnswerThreshold(0.9));

        assertThat(strict.fingerprint(GenerationPlan.DEFAULT))
                .isNotEqualTo(answerer.fingerprint(GenerationPlan.DEFAULT));
    }

    /** Lower-cased words, English stop words left out, a plural "s" dropped; every term weighs an idf of 1. */
    private static final class WordIndex implements Index {
        private static final Set<String> STOP = Set.of(
                "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
                "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
                "was", "will", "with");

        static List<String> words(String text) {
            return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                    .filter(w -> !w.isEmpty() && !STOP.contains(w))
                    .map(w -> w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w)
                    .toList();
        }

        @Override
        public List<QueryTerm> analyze(String text) {
            return words(text).stream()
                    .distinct()
                    .map(w -> new QueryTerm(w, 1.0))
                    .toList();
        }

        @Override
        public void replaceDocument(String documentId, List<IndexedChunk> chunks) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteDocument(String documentId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void commit() {}

        @Override
        public List<ScoredChunk> keywordSearch(String query, SearchFilter filter, int k) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ScoredChunk> vectorSearch(float[] vector, SearchFilter filter, int k) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<IndexedDocument> document(String documentId) {
            return Optional.empty();
        }

        @Override
        public List<IndexedChunk> chunks(String documentId) {
            return List.of();
        }

        @Override
        public long chunkCount() {
            return 0;
        }

        @Override
        public List<IndexedDocument> documents() {
            return List.of();
        }

        @Override
        public long version() {
            return 0;
        }

        @Override
        public void close() {}
    }

    /** Each word counts in one of 256 hashed dimensions; unit length, so the dot product is the cosine. */
    private static final class BagOfWords implements EmbeddingModel {
        private static final int DIMENSION = 256;

        @Override
        public String id() {
            return "bag-of-words";
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }

        @Override
        public TokenCounter tokenCounter() {
            return text -> WordIndex.words(text).size();
        }

        @Override
        public float[] embedQuery(String query) {
            return embed(query);
        }

        @Override
        public List<float[]> embedPassages(List<String> passages) {
            return passages.stream().map(BagOfWords::embed).toList();
        }

        private static float[] embed(String text) {
            float[] v = new float[DIMENSION];
            WordIndex.words(text).forEach(w -> v[Math.floorMod(w.hashCode(), DIMENSION)] += 1);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length && norm > 0; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return v;
        }
    }
}
