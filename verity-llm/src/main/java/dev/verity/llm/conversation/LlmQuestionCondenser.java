package dev.verity.llm.conversation;

import dev.verity.conversation.QuestionCondenser;
import dev.verity.conversation.RuleBasedCondenser;
import dev.verity.conversation.Turn;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.provider.ProviderException;
import dev.verity.internal.Checks;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Condenses a follow-up with a language model, and never fails because of it:
 *
 * <ol>
 *   <li>The history (questions as typed and answers, oldest first) and the follow-up go into the user message, each
 *       fenced as untrusted data; the system message (the {@code condense} prompt's, verbatim) stays privileged.
 *   <li>The reply must be the rewritten question alone: after trimming quotes and a "Standalone question:" label it
 *       must be non-blank, one line, not cut off, and at most {@link #MAX_ADDED_CHARS} characters longer than the
 *       follow-up (and within {@link QueryRequest#MAX_QUESTION_CHARS}). A longer reply answers or explains instead of
 *       rewriting.
 *   <li>Any {@link ProviderException} or invalid reply falls back to the {@code fallback} condenser (normally
 *       {@link RuleBasedCondenser}) and says why in {@link Condensed#fallbackReason()}: the provider's error kind
 *       ({@code server_error}, {@code timeout}…) or {@code invalid_output}.
 * </ol>
 */
public final class LlmQuestionCondenser implements QuestionCondenser {
    /** A rewrite adds what a reference stands for, not paragraphs: more than this is not a rewrite. */
    public static final int MAX_ADDED_CHARS = 400;
    /** Long answers are cut to this in the history: the condenser needs what they are about, not all they say. */
    static final int MAX_ANSWER_CHARS = 600;

    private static final int MAX_OUTPUT_TOKENS = 200;
    private static final Pattern FENCE = Pattern.compile("(?i)<(/?)(conversation|turn|question|answer|follow_up)\\b");
    private static final Pattern LABEL =
            Pattern.compile("(?i)^(standalone question|rewritten question|question)\\s*:\\s*");
    private static final Logger LOG = LoggerFactory.getLogger(LlmQuestionCondenser.class);

    private final LlmProvider provider;
    private final Prompt prompt;
    private final String model;
    private final QuestionCondenser fallback;
    private final PriceTable prices;

    /**
     * @param provider the model's provider, normally wrapped in {@code ResilientLlmProvider}
     * @param prompt the {@code condense} prompt, with {@code {{history}}} and {@code {{question}}} placeholders
     * @param model the provider's model name
     * @param fallback what condenses when the model cannot
     * @param prices what the model's tokens cost
     */
    public LlmQuestionCondenser(
            LlmProvider provider, Prompt prompt, String model, QuestionCondenser fallback, PriceTable prices) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.model = Checks.nonBlank(model, "model");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public LlmQuestionCondenser(LlmProvider provider, Prompt prompt, String model, QuestionCondenser fallback) {
        this(provider, prompt, model, fallback, PriceTable.EMPTY);
    }

    @Override
    public Condensed condense(List<Turn> history, String followUp) {
        return condense(history, followUp, Tracer.noop());
    }

    /** Condenses with one model call, traced on {@code tracer} as {@code llm_call} spans by the resilient provider. */
    @Override
    public Condensed condense(List<Turn> history, String followUp, Tracer tracer) {
        ChatRequest request = new ChatRequest(
                model,
                List.of(
                        ChatMessage.system(prompt.system()),
                        ChatMessage.user(
                                prompt.renderUser(Map.of("history", render(history), "question", defuse(followUp))))),
                Optional.empty(),
                MAX_OUTPUT_TOKENS,
                0.0,
                tracer);
        ChatResponse response;
        try {
            response = provider.chat(request);
        } catch (ProviderException e) {
            LOG.warn(
                    "condensing with {} failed ({}); the rules condense instead",
                    provider.name(),
                    e.kind().code());
            return fallBack(history, followUp, e.kind().code());
        }
        Optional<String> rewritten = response.truncated() ? Optional.empty() : clean(response.text(), followUp);
        if (rewritten.isEmpty()) {
            LOG.warn("{} did not reply with one rewritten question; the rules condense instead", provider.name());
            return fallBack(history, followUp, "invalid_output")
                    .spent(model, response.usage(), prices.cost(model, response.usage()));
        }
        return new Condensed(rewritten.get(), LLM, Optional.empty())
                .spent(model, response.usage(), prices.cost(model, response.usage()));
    }

    private Condensed fallBack(List<Turn> history, String followUp, String reason) {
        Condensed ruled = fallback.condense(history, followUp);
        return new Condensed(ruled.question(), ruled.condensedBy(), Optional.of(reason));
    }

    /** The rewritten question in a reply, or empty when the reply is not one line holding only a question. */
    static Optional<String> clean(String reply, String followUp) {
        String text = LABEL.matcher(reply.strip()).replaceFirst("").strip();
        if (text.length() >= 2
                && "\"'“`".indexOf(text.charAt(0)) >= 0
                && "\"'”`".indexOf(text.charAt(text.length() - 1)) >= 0) {
            text = LABEL.matcher(text.substring(1, text.length() - 1).strip())
                    .replaceFirst("")
                    .strip();
        }
        int limit = Math.min(QueryRequest.MAX_QUESTION_CHARS, followUp.length() + MAX_ADDED_CHARS);
        if (text.isEmpty() || text.contains("\n") || text.contains("\r") || text.length() > limit) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** The turns, oldest first, each question and (shortened) answer in its own fence. */
    static String render(List<Turn> history) {
        StringBuilder out = new StringBuilder();
        for (Turn turn : history) {
            String answer = turn.answer().length() > MAX_ANSWER_CHARS
                    ? turn.answer().substring(0, MAX_ANSWER_CHARS) + " …"
                    : turn.answer();
            out.append("<turn n=\"")
                    .append(turn.seq())
                    .append("\">\n")
                    .append("<question>")
                    .append(defuse(turn.question()))
                    .append("</question>\n")
                    .append("<answer>")
                    .append(defuse(answer))
                    .append("</answer>\n")
                    .append("</turn>\n");
        }
        return out.toString().strip();
    }

    /** Makes any fence tag inside user or document text inert, so no text can close its fence early. */
    static String defuse(String text) {
        return FENCE.matcher(text).replaceAll("<$1 $2");
    }
}
