package dev.verity.generation.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClasspathPromptRegistryTest {
    private static final String FILE = """
            id: answer
            version: 3
            description: test prompt
            --- system
            Be exact.
            --- user
            Q: {{question}}
            S: {{sources}}
            """;

    @Test
    void parsesHeaderAndSections() {
        Prompt prompt = ClasspathPromptRegistry.parse("answer-v3.prompt", FILE);

        assertThat(prompt.id()).isEqualTo("answer");
        assertThat(prompt.version()).isEqualTo(3);
        assertThat(prompt.system()).isEqualTo("Be exact.");
        assertThat(prompt.renderUser(Map.of("question", "why?", "sources", "none")))
                .isEqualTo("Q: why?\nS: none");
        assertThat(prompt.contentHash()).hasSize(64);
    }

    @Test
    void theHashChangesWithTheText() {
        Prompt a = ClasspathPromptRegistry.parse("a", FILE);
        Prompt b = ClasspathPromptRegistry.parse("b", FILE.replace("Be exact.", "Be brief."));

        assertThat(a.contentHash()).isNotEqualTo(b.contentHash());
    }

    @Test
    void refusesToRenderWithAMissingOrAnUnusedValue() {
        Prompt prompt = ClasspathPromptRegistry.parse("answer-v3.prompt", FILE);

        assertThatThrownBy(() -> prompt.renderUser(Map.of("question", "q")))
                .hasMessage("prompt answer v3 needs a value for {{sources}}, got only [question]");
        assertThatThrownBy(() -> prompt.renderUser(Map.of("question", "q", "sources", "s", "extra", "x")))
                .hasMessage("prompt answer v3 has no placeholder for [extra]");
    }

    @Test
    void aMalformedFileFailsWithItsNameAndTheProblem() {
        assertThatThrownBy(() -> ClasspathPromptRegistry.parse("bad.prompt", "id: x\n--- system\nA\n"))
                .hasMessageContaining("bad.prompt")
                .hasMessageContaining("'version:'");
        assertThatThrownBy(() -> ClasspathPromptRegistry.parse("bad.prompt", "id: x\nversion: one\n"))
                .hasMessage("prompt file bad.prompt: version must be a whole number, got \"one\"");
    }

    @Test
    void aPlaceholderValueIsInsertedLiterallyEvenWithDollarSigns() {
        Prompt prompt = ClasspathPromptRegistry.parse("p", FILE);

        assertThat(prompt.renderUser(Map.of("question", "$1 \\ {{sources}}", "sources", "x")))
                .isEqualTo("Q: $1 \\ {{sources}}\nS: x");
    }
}
