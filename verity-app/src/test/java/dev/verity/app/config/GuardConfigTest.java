package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.guards.injection.InjectionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardConfigTest {
    @TempDir
    Path dir;

    private static GuardConfig from(Map<String, String> env) {
        return GuardConfig.from(env, ConfigValues.file(env));
    }

    @Test
    void flagsAndRefusesQuestionsButOnlyFlagsChunksByDefault() {
        assertThat(from(Map.of())).isEqualTo(GuardConfig.DEFAULT);
        assertThat(GuardConfig.DEFAULT.question()).isEqualTo(new InjectionPolicy(0.5, 0.8));
        assertThat(GuardConfig.DEFAULT.chunk()).isEqualTo(new InjectionPolicy(0.5, InjectionPolicy.NEVER));
        assertThat(GuardConfig.DEFAULT.answerHosts()).isEmpty();
        assertThat(GuardConfig.DEFAULT.maskPii()).isFalse();
    }

    @Test
    void readsTheFileWithPoliciesPerCollectionAndLetsTheEnvironmentWin() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                guards:
                  question: {flag_at: 0.4, block_at: 0.9}
                  chunk: {block_at: 0.95}
                  collections:
                    web: {block_at: 0.7}
                  answer:
                    allowed_hosts: [Intranet.Example.com]
                    mask_pii: true
                """);

        GuardConfig config = from(Map.of(
                "VERITY_CONFIG", yaml.toString(),
                "VERITY_GUARD_QUESTION_BLOCK_AT", "never",
                "VERITY_GUARD_ANSWER_MASK_PII", "false"));

        assertThat(config.question()).isEqualTo(new InjectionPolicy(0.4, InjectionPolicy.NEVER));
        assertThat(config.chunk()).isEqualTo(new InjectionPolicy(0.5, 0.95));
        assertThat(config.collections()).containsExactly(Map.entry("web", new InjectionPolicy(0.5, 0.7)));
        assertThat(config.answerHosts()).isEqualTo(Set.of("intranet.example.com"));
        assertThat(config.maskPii()).isFalse();
    }

    @Test
    void asksAModerationEndpointOnlyWhenOneIsConfigured() throws Exception {
        Path yaml = Files.writeString(dir.resolve("moderation.yaml"), """
                guards:
                  moderation:
                    base_url: http://localhost:8000/v1
                    api_key_env: MY_KEY
                """);

        GuardConfig config = from(Map.of("VERITY_CONFIG", yaml.toString(), "MY_KEY", "sk-1"));

        assertThat(config.moderation()).hasValueSatisfying(m -> {
            assertThat(m.baseUrl()).isEqualTo("http://localhost:8000/v1");
            assertThat(m.model()).isEqualTo("omni-moderation-latest");
            assertThat(m.apiKey()).contains("sk-1");
        });
        assertThat(GuardConfig.DEFAULT.moderation()).isEmpty();
        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessage("guards.moderation.api_key_env names MY_KEY, which is not set");
    }

    @Test
    void namesTheSettingThatIsWrong() throws Exception {
        assertThatThrownBy(() -> from(Map.of("VERITY_GUARD_CHUNK_FLAG_AT", "high")))
                .hasMessage("VERITY_GUARD_CHUNK_FLAG_AT/BLOCK_AT (guards.chunk): a score must be a number from 0 to 1"
                        + " (or never), got \"high\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_GUARD_QUESTION_FLAG_AT", "0.9")))
                .hasMessage("VERITY_GUARD_QUESTION_FLAG_AT/BLOCK_AT (guards.question): blockAt must be at least"
                        + " flagAt (0.9): 0.8");
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "guards:\n  answers: {}\n");
        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessage("guards.answers is not a guard setting; known: [question, chunk, collections, answer,"
                        + " moderation, redact_pii]");
    }

    @Test
    void redactionIsAskedForByCollectionOrForAll() {
        assertThat(from(Map.of("VERITY_GUARD_REDACT_PII", "hr, support")).redactPii())
                .containsExactlyInAnyOrder("hr", "support");
        assertThat(from(Map.of("VERITY_GUARD_REDACT_PII", "all")).redactPii()).containsExactly(GuardConfig.ALL);
        assertThat(from(Map.of()).redactPii()).isEmpty();
        assertThatThrownBy(() -> from(Map.of("VERITY_GUARD_REDACT_PII", "Bad Name")))
                .hasMessageStartingWith("VERITY_GUARD_REDACT_PII: ");
    }
}
