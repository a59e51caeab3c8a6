package dev.verity.llm.judge;

import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.JudgeRequest;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Grades answers with a language model and three versioned prompts ({@link JudgePrompts}), one call per dimension:
 *
 * <ol>
 *   <li><b>Faithfulness</b>: the model splits the answer into atomic claims and labels each supported or not by the
 *       contexts, quoting its evidence; the score is supported claims / all claims. An abstention (or an empty
 *       answer) states nothing to check: no call, empty score.
 *   <li><b>Relevance</b>: a 1–5 rubric on whether the answer addresses the question, mapped onto [0, 1] (1 → 0, 3 →
 *       0.5, 5 → 1). An abstention addresses nothing by the rubric's own definition: 0, without a call.
 *   <li><b>Correctness</b>, when the request has a reference answer: a verdict mapped onto [0, 1] (equivalent 1,
 *       partial 0.5, missing or contradicts 0); an abstention is graded too, since a reference may say that the
 *       question has no answer. Without a reference: no call, empty score.
 * </ol>
 *
 * Every call runs at temperature 0 with the prompt's system message (privileged) and a user message in which the
 * question, contexts, answer and reference are fenced as untrusted data ({@code <question>}, {@code <context id="C1">}…);
 * text that would open or close a fence early is defused, so an answer cannot instruct its own judge. Replies must
 * match a JSON Schema (sent as the provider's structured-output format where it has one) and are validated; an invalid
 * reply gets one repair attempt, a second one fails the judgement. Usage and cost are summed over all calls, repairs
 * included.
 *
 * <pre>{@code
 * AnswerJudge judge = new LlmJudge(resilientProvider, "gpt-4o-mini",
 *         JudgePrompts.latest(new ClasspathPromptRegistry()), prices);
 * Judgement j = judge.judge(new JudgeRequest(question, answer, false, citedChunkTexts, Optional.of(reference)));
 * }</pre>
 *
 * Trap: a judge grades only what it is shown. Pass the full text of the chunks the answer cites as contexts, not the
 * quotes: a claim supported by a sentence next to the quote would be marked unsupported.
 *
 * <p>Thread-safe; failures are {@link JudgementException}s (the provider's failure, after its own retries, is the
 * cause), never a made-up score.
 */
public final class LlmJudge implements AnswerJudge {
    /** Grades must not depend on sampling luck. */
    static final double TEMPERATURE = 0.0;
    /** A verdict and a quoted piece of evidence per claim: room for some thirty claims. */
    static final int CLAIMS_MAX_OUTPUT_TOKENS = 2_000;
    /** A sentence or two of reasoning and a grade. */
    static final int GRADE_MAX_OUTPUT_TOKENS = 300;

    private static final Pattern FENCE = Pattern.compile("(?i)<(/?)(question|contexts?|answer|reference)\\b");

    private final LlmProvider provider;
    private final String model;
    private final JudgePrompts prompts;
    private final PriceTable prices;

    /**
     * @param provider the judge model's provider, normally wrapped in {@code ResilientLlmProvider}
     * @param model the provider's model name
     * @param prompts the prompt versions to grade with
     * @param prices what the model costs; {@link PriceTable#EMPTY} reports 0
     */
    public LlmJudge(LlmProvider provider, String model, JudgePrompts prompts, PriceTable prices) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.model = Checks.nonBlank(model, "model").strip();
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** {@code llm:<model>:judge-faithfulness@1+judge-relevance@1+judge-correctness@1}. */
    @Override
    public String id() {
        return "llm:" + model + ":" + prompts.stamp();
    }

    @Override
    public Judgement judge(JudgeRequest request) {
        Usage usage = new Usage();
        boolean statesNothing = request.abstained() || request.answer().isBlank();
        String question = defuse(request.question());
        String answer = defuse(request.answer());

        OptionalDouble faithfulness = OptionalDouble.empty();
        List<Judgement.Claim> claims = List.of();
        if (!statesNothing) {
            claims = ask(
                    "faithfulness",
                    prompts.faithfulness(),
                    Map.of("question", question, "contexts", contexts(request.contexts()), "answer", answer),
                    JudgeReplies.CLAIMS_SCHEMA,
                    CLAIMS_MAX_OUTPUT_TOKENS,
                    JudgeReplies::claims,
                    usage);
            long supported = claims.stream().filter(Judgement.Claim::supported).count();
            faithfulness = OptionalDouble.of((double) supported / claims.size());
        }

        double relevance = statesNothing
                ? 0.0
                : ask(
                        "relevance",
                        prompts.relevance(),
                        Map.of("question", question, "answer", answer),
                        JudgeReplies.RELEVANCE_SCHEMA,
                        GRADE_MAX_OUTPUT_TOKENS,
                        JudgeReplies::relevance,
                        usage);

        OptionalDouble correctness = OptionalDouble.empty();
        Optional<String> reference = request.reference().filter(r -> !r.isBlank());
        if (reference.isPresent()) {
            correctness = OptionalDouble.of(ask(
                    "correctness",
                    prompts.correctness(),
                    Map.of("question", question, "reference", defuse(reference.get()), "answer", answer),
                    JudgeReplies.CORRECTNESS_SCHEMA,
                    GRADE_MAX_OUTPUT_TOKENS,
                    JudgeReplies::correctness,
                    usage));
        }
        return new Judgement(
                faithfulness, relevance, correctness, claims, id(), usage.total, prices.cost(model, usage.total));
    }

    /** Tokens of one judgement's calls; confined to the judging thread. */
    private static final class Usage {
        TokenUsage total = TokenUsage.NONE;
    }

    /** One graded dimension: the call, the validation, one repair. */
    private <T> T ask(
            String dimension,
            Prompt prompt,
            Map<String, String> values,
            String schema,
            int maxOutputTokens,
            JudgeReplies.Parser<T> parser,
            Usage usage) {
        List<ChatMessage> messages = new ArrayList<>(
                List.of(ChatMessage.system(prompt.system()), ChatMessage.user(prompt.renderUser(values))));
        ChatResponse first = call(dimension, messages, schema, maxOutputTokens, usage);
        try {
            return parse(parser, first);
        } catch (JudgeReplies.InvalidReplyException problem) {
            messages.add(ChatMessage.assistant(first.text()));
            messages.add(ChatMessage.user("That reply was not valid: " + problem.getMessage()
                    + ". Reply again with only the JSON object described in the instructions."));
            ChatResponse repaired = call(dimension, messages, schema, maxOutputTokens, usage);
            try {
                return parse(parser, repaired);
            } catch (JudgeReplies.InvalidReplyException again) {
                throw new JudgementException("the judge's " + dimension + " reply stayed invalid after a repair"
                        + " attempt: " + again.getMessage());
            }
        }
    }

    private static <T> T parse(JudgeReplies.Parser<T> parser, ChatResponse response)
            throws JudgeReplies.InvalidReplyException {
        if (response.truncated()) {
            throw new JudgeReplies.InvalidReplyException(
                    "it was cut off at the output token limit; keep \"reason\"" + " and \"evidence\" short");
        }
        return parser.parse(response.text());
    }

    private ChatResponse call(
            String dimension, List<ChatMessage> messages, String schema, int maxOutputTokens, Usage usage) {
        try {
            ChatResponse response =
                    provider.chat(new ChatRequest(model, messages, Optional.of(schema), maxOutputTokens, TEMPERATURE));
            usage.total = usage.total.plus(response.usage());
            return response;
        } catch (ProviderException e) {
            throw new JudgementException(
                    "the judge model failed while grading " + dimension + ": " + e.getMessage(), e);
        }
    }

    /** The contexts numbered C1, C2… in citation order, each in its own fence. */
    static String contexts(List<String> contexts) {
        if (contexts.isEmpty()) {
            return "(the answer cites no context)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < contexts.size(); i++) {
            out.append("<context id=\"C")
                    .append(i + 1)
                    .append("\">\n")
                    .append(defuse(contexts.get(i)))
                    .append("\n</context>\n");
        }
        return out.toString().strip();
    }

    /** Makes any fence tag inside graded text inert, so no text can close its fence early. */
    static String defuse(String text) {
        return FENCE.matcher(text).replaceAll("<$1 $2");
    }
}
