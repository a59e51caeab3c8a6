package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptsCommandTest {

    @Test
    void listsEveryShippedVersionWithItsHashAndMarksTheNewest() {
        Cli.Result result = Cli.run("prompts", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .containsPattern("answer\\s+1\\s+[0-9a-f]{12}\\s+Grounded answer")
                .containsPattern("answer\\s+2\\*\\s+[0-9a-f]{12}");
    }

    @Test
    void showsAVersionsSystemMessageAndUserTemplate() {
        Cli.Result result = Cli.run("prompts", "show", "answer@1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("version: 1")
                .contains("--- system")
                .contains("{{sources}}")
                .doesNotContain("similar but different subject");
    }

    @Test
    void diffsTwoVersionsAsAUnifiedDiff() {
        Cli.Result result = Cli.run("prompts", "diff", "answer", "1", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("--- answer@1")
                .contains("+++ answer@2")
                .containsPattern("(?m)^\\+\\s+A source about a similar but different subject");
    }

    @Test
    void listsAsJsonLines() {
        Cli.Result result = Cli.run("prompts", "list", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.jsonLines()).anySatisfy(p -> {
            assertThat(p.get("id").asString()).isEqualTo("answer");
            assertThat(p.get("version").asInt()).isEqualTo(1);
            assertThat(p.get("newest").asBoolean()).isFalse();
            assertThat(p.get("hash").asString()).hasSize(64);
        });
    }

    @Test
    void showsAndDiffsAsJson() {
        Cli.Result show = Cli.run("prompts", "show", "answer@1", "--json");
        Cli.Result diff = Cli.run("prompts", "diff", "answer", "1", "2", "--json");

        assertThat(show.exitCode()).isZero();
        assertThat(show.json().get("version").asInt()).isEqualTo(1);
        assertThat(show.json().get("user").asString()).contains("{{sources}}");
        assertThat(diff.exitCode()).isZero();
        assertThat(diff.json().get("from").asString()).isEqualTo("answer@1");
        assertThat(diff.json().get("to").asString()).isEqualTo("answer@2");
        assertThat(diff.json().get("diff").get(0).asString()).isEqualTo("--- answer@1");
    }

    @Test
    void anUnknownVersionNamesTheShippedOnes() {
        Cli.Result result = Cli.run("prompts", "show", "answer@7");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err())
                .contains("no prompt answer@7")
                .contains("answer@1")
                .contains("answer@2");
    }
}
