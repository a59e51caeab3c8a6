package dev.verity.generation.routing;

import dev.verity.retrieval.RetrievedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scores how hard a question is from features that cost nothing to compute, and routes it: easy questions to a cheap
 * model, hard ones to a strong one. Deterministic: the same question, evidence and conversation depth always take the
 * same route, so routing never makes answers flaky.
 *
 * <p>The score adds, capped at 1:
 * <ul>
 *   <li>{@code reasoning_question} +0.40: asks why or how something works, to explain, compare, analyse, summarise,
 *       evaluate, or for pros and cons, rather than for a fact;
 *   <li>{@code long_question} +0.15 above 20 words, {@code very_long_question} +0.30 above 40;
 *   <li>{@code several_questions} +0.20: more than one question mark, or two question words joined by "and";
 *   <li>{@code many_sources} +0.20: the question asks for all / each / every / a list, or the best evidence comes from
 *       three or more documents with close scores, so the answer must combine sources;
 *   <li>{@code deep_conversation} +0.15 from the fourth turn of a conversation (follow-ups carry context the model
 *       has to keep straight).
 * </ul>
 * A factoid question ("What is the notice period?") scores 0 and goes to the cheap model.
 */
public final class DifficultyRouter {
    /** The default threshold: one strong signal (reasoning) or two weaker ones make a question hard. */
    public static final double DEFAULT_THRESHOLD = 0.4;

    private static final Pattern REASONING = Pattern.compile(
            "\\b(why|explain|compare|comparison|contrast|difference|differences|differ|versus|vs\\.?|analy[sz]e"
                    + "|analysis|summari[sz]e|summary|evaluate|assess|implications?|trade-?offs?|pros and cons"
                    + "|advantages|disadvantages|how (does|do|did|would|could|should|can)|what if|relationship)\\b");
    private static final Pattern AGGREGATE =
            Pattern.compile("\\b(all|each|every|list|enumerate|overview|across|both|which of the)\\b");
    private static final Pattern QUESTION_WORD = Pattern.compile("\\b(what|when|where|who|which|why|how)\\b");
    private static final Pattern JOINED_QUESTIONS = Pattern.compile(
            "\\b(what|when|where|who|which|why|how)\\b.*\\band\\b.*\\b(what|when|where|who|which|why|how)\\b");

    private final double threshold;

    public DifficultyRouter(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the routing threshold must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    public DifficultyRouter() {
        this(DEFAULT_THRESHOLD);
    }

    public double threshold() {
        return threshold;
    }

    /**
     * Routes a question.
     *
     * @param evidence the retrieved chunks, best first
     * @param conversationDepth how many turns came before this question in its conversation; 0 for a single question
     */
    public Route route(String question, List<RetrievedChunk> evidence, int conversationDepth) {
        String q = question.toLowerCase(Locale.ROOT);
        List<String> signals = new ArrayList<>();
        double score = 0;
        if (REASONING.matcher(q).find()) {
            score += 0.40;
            signals.add("reasoning_question");
        }
        int words = q.strip().split("\\s+").length;
        if (words > 40) {
            score += 0.30;
            signals.add("very_long_question");
        } else if (words > 20) {
            score += 0.15;
            signals.add("long_question");
        }
        if (q.chars().filter(c -> c == '?').count() > 1
                || JOINED_QUESTIONS.matcher(q).find()
                        && QUESTION_WORD.matcher(q).results().count() > 1) {
            score += 0.20;
            signals.add("several_questions");
        }
        if (AGGREGATE.matcher(q).find() || spreadOverDocuments(evidence) >= 3) {
            score += 0.20;
            signals.add("many_sources");
        }
        if (conversationDepth >= 3) {
            score += 0.15;
            signals.add("deep_conversation");
        }
        score = Math.min(1, Math.round(score * 100) / 100.0);
        return new Route(score >= threshold ? Route.Tier.HARD : Route.Tier.EASY, score, signals);
    }

    /** Distinct documents among the top five chunks scoring at least 80% of the best. */
    private static long spreadOverDocuments(List<RetrievedChunk> evidence) {
        if (evidence.isEmpty()) {
            return 0;
        }
        double best = evidence.getFirst().score();
        return evidence.stream()
                .limit(5)
                .filter(r -> r.score() >= 0.8 * best)
                .map(r -> r.chunk().document().id())
                .distinct()
                .count();
    }
}
