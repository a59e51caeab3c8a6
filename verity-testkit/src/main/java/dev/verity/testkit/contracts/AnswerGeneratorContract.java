package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.Chunk;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.AnswerRequest;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.GenerationPlan;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.testkit.fakes.TestChunks;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnswerGenerator} must do: answer {@link #QUESTION} from {@link #EVIDENCE} with citations that quote
 * the evidence exactly, abstain — as a returned value — when there is no evidence, stream its text to the listener,
 * and give a stable fingerprint. Subclass once per implementation; set the generator (or the fake it talks to) up so
 * that it answers {@link #QUESTION} from {@link #EVIDENCE} with {@link #ANSWER_SENTENCE}.
 */
public abstract class AnswerGeneratorContract {
    protected static final String QUESTION = "How many days of annual leave do staff get?";
    /** The sentence of the evidence that answers {@link #QUESTION}. */
    protected static final String ANSWER_SENTENCE = "Staff get 25 days of annual leave each year.";

    protected static final List<Chunk> CHUNKS = TestChunks.chunks(
            TestChunks.document("handbook.pdf").title("Employee handbook").build(),
            "The office opens at nine in the morning. " + ANSWER_SENTENCE + " Parking is free for visitors.",
            "Travel must be booked through the travel desk. Receipts are kept for seven years.",
            "Sick leave is unlimited, with a doctor's note after three days.");
    protected static final List<RetrievedChunk> EVIDENCE = IntStream.range(0, CHUNKS.size())
            .mapToObj(i -> new RetrievedChunk(CHUNKS.get(i), 1.0 / (i + 1), Map.of()))
            .toList();

    protected AnswerGenerator generator;

    /** A generator that answers {@link #QUESTION} from {@link #EVIDENCE}. */
    protected abstract AnswerGenerator openGenerator();

    @BeforeEach
    void open() {
        generator = openGenerator();
    }

    @Test
    void answersFromTheEvidenceCitingTheChunkThatHoldsTheAnswer() {
        Answer answer = generator.generate(AnswerRequest.of(QUESTION, EVIDENCE), AnswerListener.none());

        assertThat(answer.abstained()).isFalse();
        assertThat(answer.text()).contains("25 days");
        assertThat(answer.citations())
                .extracting(Citation::chunkId)
                .contains(CHUNKS.getFirst().id());
    }

    @Test
    void everyCitationQuotesAChunkOfTheEvidenceExactly() {
        Answer answer = generator.generate(AnswerRequest.of(QUESTION, EVIDENCE), AnswerListener.none());

        assertThat(answer.citations()).isNotEmpty().allSatisfy(c -> {
            Chunk chunk = CHUNKS.stream()
                    .filter(k -> k.id().equals(c.chunkId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(chunk.text()).contains(c.quote());
            assertThat(c.documentId()).isEqualTo(chunk.document().id());
        });
    }

    @Test
    void withoutEvidenceAbstainsAsAReturnedAnswer() {
        Answer answer = generator.generate(AnswerRequest.of(QUESTION, List.of()), AnswerListener.none());

        assertThat(answer.abstained()).isTrue();
        assertThat(answer.citations()).isEmpty();
        assertThat(answer.text()).isNotBlank();
    }

    @Test
    void theListenerEndsUpWithTheAnswersText() {
        StringBuilder streamed = new StringBuilder();
        AnswerListener listener = new AnswerListener() {
            @Override
            public void onDelta(String text) {
                streamed.append(text);
            }

            @Override
            public void onReset() {
                streamed.setLength(0);
            }
        };

        Answer answer = generator.generate(AnswerRequest.of(QUESTION, EVIDENCE), listener);

        assertThat(streamed.toString()).isEqualTo(answer.text());
    }

    @Test
    void theFingerprintIsStableForAPlan() {
        assertThat(generator.fingerprint(GenerationPlan.DEFAULT))
                .isNotBlank()
                .isEqualTo(generator.fingerprint(GenerationPlan.DEFAULT));
    }
}
