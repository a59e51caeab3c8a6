package dev.verity.llm.judge;

import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.prompt.PromptRegistry;
import java.util.Objects;

/**
 * The three versioned prompts a {@link LlmJudge} grades with, one per dimension.
 *
 * @param faithfulness a {@value #FAITHFULNESS} prompt with {@code {{question}}}, {@code {{contexts}}} and
 *     {@code {{answer}}} placeholders
 * @param relevance a {@value #RELEVANCE} prompt with {@code {{question}}} and {@code {{answer}}} placeholders
 * @param correctness a {@value #CORRECTNESS} prompt with {@code {{question}}}, {@code {{reference}}} and
 *     {@code {{answer}}} placeholders
 */
public record JudgePrompts(Prompt faithfulness, Prompt relevance, Prompt correctness) {
    public static final String FAITHFULNESS = "judge-faithfulness";
    public static final String RELEVANCE = "judge-relevance";
    public static final String CORRECTNESS = "judge-correctness";

    public JudgePrompts {
        check(faithfulness, FAITHFULNESS, "faithfulness");
        check(relevance, RELEVANCE, "relevance");
        check(correctness, CORRECTNESS, "correctness");
    }

    /** The newest shipped version of each. */
    public static JudgePrompts latest(PromptRegistry registry) {
        return new JudgePrompts(
                latest(registry, FAITHFULNESS), latest(registry, RELEVANCE), latest(registry, CORRECTNESS));
    }

    /** Ids and versions as stamped on a judgement: {@code judge-faithfulness@1+judge-relevance@1+judge-correctness@1}. */
    public String stamp() {
        return ref(faithfulness) + "+" + ref(relevance) + "+" + ref(correctness);
    }

    private static String ref(Prompt p) {
        return p.id() + "@" + p.version();
    }

    private static Prompt latest(PromptRegistry registry, String id) {
        return registry.latest(id).orElseThrow(() -> new IllegalStateException("no '" + id + "' prompt is shipped"));
    }

    private static void check(Prompt prompt, String id, String name) {
        Objects.requireNonNull(prompt, name);
        if (!prompt.id().equals(id)) {
            throw new IllegalArgumentException(name + " must be a " + id + " prompt, got " + prompt.id());
        }
    }
}
