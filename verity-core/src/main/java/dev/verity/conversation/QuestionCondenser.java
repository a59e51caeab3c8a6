package dev.verity.conversation;

import dev.verity.generation.provider.TokenUsage;
import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rewrites a follow-up question so that it stands on its own: "How many days do they get?" after "What is the
 * vacation policy for staff?" must reach retrieval with what "they" means, because retrieval sees one question and no
 * history. Implementations: {@link RuleBasedCondenser} (deterministic, offline) and {@code LlmQuestionCondenser} in
 * {@code verity-llm}, which falls back to the rules.
 *
 * <p>Implementations never throw for a failing model: they fall back and say so in {@link Condensed#fallbackReason()}.
 */
public interface QuestionCondenser {
    /** No condenser ran: the conversation had no earlier turn. */
    String NONE = "none";
    /** {@link RuleBasedCondenser} decided. */
    String RULES = "rules";
    /** A language model rewrote the question. */
    String LLM = "llm";

    /**
     * The standalone question.
     *
     * @param question what retrieval and generation should use; the follow-up itself when it already stands alone
     * @param condensedBy {@link #NONE}, {@link #RULES} or {@link #LLM}: which condenser decided
     * @param fallbackReason why the preferred condenser was not used, e.g. {@code server_error} or
     *     {@code invalid_output}; empty when it was
     * @param model the model that was called, if one was
     * @param usage tokens of that call, counted even when its reply was unusable
     * @param costUsd what it cost by the price table
     */
    record Condensed(
            String question,
            String condensedBy,
            Optional<String> fallbackReason,
            Optional<String> model,
            TokenUsage usage,
            double costUsd) {
        public Condensed {
            Checks.nonBlank(question, "question");
            Checks.nonBlank(condensedBy, "condensedBy");
            Objects.requireNonNull(fallbackReason, "fallbackReason");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
        }

        /** A condensed question that cost nothing (no model call). */
        public Condensed(String question, String condensedBy, Optional<String> fallbackReason) {
            this(question, condensedBy, fallbackReason, Optional.empty(), TokenUsage.NONE, 0);
        }

        /** The same, with the model call it took (or that failed on the way) on its bill. */
        public Condensed spent(String byModel, TokenUsage tokens, double usd) {
            return new Condensed(question, condensedBy, fallbackReason, Optional.of(byModel), tokens, usd);
        }

        /** The question as asked, with nothing to condense against. */
        public static Condensed unchanged(String question) {
            return new Condensed(question, NONE, Optional.empty());
        }
    }

    /**
     * @param history earlier turns of the conversation, oldest first; not empty
     * @param followUp the new question, as typed
     */
    Condensed condense(List<Turn> history, String followUp);

    /**
     * Condenses as {@link #condense(List, String)}, tracing any model call on {@code tracer} (one {@code llm_call}
     * span per attempt); condensers that call no model need not override it.
     */
    default Condensed condense(List<Turn> history, String followUp, Tracer tracer) {
        return condense(history, followUp);
    }
}
