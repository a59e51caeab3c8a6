package dev.verity.testkit.fakes;

import dev.verity.document.Chunk;
import dev.verity.document.Sentences;
import dev.verity.document.Span;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.AnswerRequest;
import dev.verity.generation.answer.Citation;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A deterministic {@link AnswerGenerator} for tests of what surrounds generation (fallback chains, query and
 * conversation services): answers with the evidence sentence that shares the most words with the question, cited;
 * abstains when there is no evidence or no sentence shares a word. No model, no index, no scoring worth calibrating.
 */
public final class QuotingAnswerGenerator implements AnswerGenerator {

    @Override
    public Answer generate(AnswerRequest request, AnswerListener listener) {
        Answer answer = answer(request);
        listener.onDelta(answer.text());
        return answer;
    }

    private static Answer answer(AnswerRequest request) {
        if (request.evidence().isEmpty()) {
            return Answer.abstain(Answer.NO_EVIDENCE_MESSAGE, 0, List.of());
        }
        Set<String> asked = words(request.question());
        Chunk bestChunk = null;
        String best = null;
        long bestShared = 0;
        for (var retrieved : request.evidence()) {
            Chunk chunk = retrieved.chunk();
            for (Span span : Sentences.split(chunk.text())) {
                String sentence = chunk.text().substring(span.start(), span.end());
                long shared = words(sentence).stream().filter(asked::contains).count();
                if (shared > bestShared) {
                    bestShared = shared;
                    best = sentence;
                    bestChunk = chunk;
                }
            }
        }
        if (best == null) {
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, 0, List.of());
        }
        Citation citation = new Citation(
                bestChunk.document().source(),
                bestChunk.location().pageStart(),
                bestChunk.location().section(),
                best,
                bestChunk.id(),
                bestChunk.document().id(),
                1.0);
        return new Answer(best, false, Math.min(1, bestShared / (double) Math.max(1, asked.size())), List.of(citation));
    }

    private static Set<String> words(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 3)
                .collect(Collectors.toSet());
    }
}
