package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.prompt.PromptRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PromptRegistry} must do: {@code latest} is the highest version of an id, {@code get} finds one
 * exact version, an unknown id or version is empty rather than an error, {@code all} lists every version of every
 * prompt once, by id then version, and each prompt comes back with its text intact, so its content hash is the one
 * the author computed and the same on every load.
 *
 * <p>Subclass it once per implementation and supply {@link #openRegistry(List)}: a registry holding exactly the given
 * prompts, however it stores them. Implementations: {@code ClasspathPromptRegistry} (the testkit's own tests).
 */
public abstract class PromptRegistryContract {
    protected static final Prompt ANSWER_V1 = new Prompt(
            "answer", 1, "First answer prompt.", "Answer from the sources.", "{{sources}}\nQuestion: {{question}}");
    protected static final Prompt ANSWER_V2 = new Prompt(
            "answer",
            2,
            "Answers with citations.",
            "Answer only from the sources and cite them.",
            "Sources:\n{{sources}}\n\nQuestion: {{question}}");
    protected static final Prompt ANSWER_V10 = new Prompt(
            "answer",
            10,
            "Answers as JSON.",
            "Answer only from the sources, as JSON with cited source ids.",
            "Sources:\n{{sources}}\n\nQuestion: {{question}}");
    protected static final Prompt CONDENSE_V1 = new Prompt(
            "condense",
            1,
            "Rewrites a follow-up to stand alone.",
            "Rewrite the last question so it stands alone.",
            "{{history}}\nFollow-up: {{question}}");

    /** Given out of order on purpose: version 10 sorts before 2 as text, not as a number. */
    protected static final List<Prompt> PROMPTS = List.of(CONDENSE_V1, ANSWER_V10, ANSWER_V1, ANSWER_V2);

    /** A registry holding exactly {@code prompts}; it may be empty. */
    protected abstract PromptRegistry openRegistry(List<Prompt> prompts);

    @Test
    void latestIsTheHighestVersion() {
        PromptRegistry registry = openRegistry(PROMPTS);

        assertThat(registry.latest("answer")).contains(ANSWER_V10);
        assertThat(registry.latest("condense")).contains(CONDENSE_V1);
    }

    @Test
    void getFindsOneExactVersion() {
        PromptRegistry registry = openRegistry(PROMPTS);

        assertThat(registry.get("answer", 1)).contains(ANSWER_V1);
        assertThat(registry.get("answer", 2)).contains(ANSWER_V2);
        assertThat(registry.get("answer", 10)).contains(ANSWER_V10);
        assertThat(registry.get("condense", 1)).contains(CONDENSE_V1);
    }

    @Test
    void anUnknownIdOrVersionIsEmpty() {
        PromptRegistry registry = openRegistry(PROMPTS);

        assertThat(registry.latest("summarize")).isEmpty();
        assertThat(registry.get("summarize", 1)).isEmpty();
        assertThat(registry.get("answer", 3)).isEmpty();
        assertThat(registry.get("condense", 2)).isEmpty();
    }

    @Test
    void allListsEveryPromptOnceByIdThenVersion() {
        assertThat(openRegistry(PROMPTS).all()).containsExactly(ANSWER_V1, ANSWER_V2, ANSWER_V10, CONDENSE_V1);
    }

    @Test
    void contentHashesAreTheAuthorsAndStableAcrossLoads() {
        List<String> expected = List.of(ANSWER_V1, ANSWER_V2, ANSWER_V10, CONDENSE_V1).stream()
                .map(Prompt::contentHash)
                .toList();

        assertThat(openRegistry(PROMPTS).all()).extracting(Prompt::contentHash).isEqualTo(expected);
        assertThat(openRegistry(PROMPTS).all()).extracting(Prompt::contentHash).isEqualTo(expected);
    }

    @Test
    void anEmptyRegistryKnowsNothing() {
        PromptRegistry registry = openRegistry(List.of());

        assertThat(registry.all()).isEmpty();
        assertThat(registry.latest("answer")).isEmpty();
        assertThat(registry.get("answer", 1)).isEmpty();
    }
}
