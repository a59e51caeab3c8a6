package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsCommandTest {

    @Test
    void listsEveryShippedVersionWithItsHashAndMarksTheNewest() {
        Cli.Result result = Cli.run("prompts", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("answer\\s+1\\s+[0-9a-f]{12}\\s+Grounded answer")
                .containsPattern("answer\\s+2\\*\\s+[0-9a-f]{12}");
    }

    @Test
    void showsAVersionsSystemMessageAndUserTemplate() {
        Cli.Result result = Cli.run("prompts", "show", "answer@1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("version: 1").contains("--- system").contains("{{sources}}")
                .doesNotContain("similar but different subject");
    }

    @Test
    void diffsTwoVersionsAsAUnifiedDiff() {
        Cli.Result result = Cli.run("prompts", "diff", "answer", "1", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--- answer@1").contains("+++ answer@2")
                .containsPattern("(?m)^\\+\\s+A source about a similar but different subject");
    }

    @Test
    void anUnknownVersionNamesTheShippedOnes() {
        Cli.Result result = Cli.run("prompts", "show", "answer@7");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no prompt answer@7").contains("answer@1").contains("answer@2");
    }
}
