package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelt key is an error naming its path; a bad environment value names the variable the user set. */
class ConfigKeysTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownProviderKeyIsNamedByItsPathWithTheKnownKeys() throws Exception {
        Map<String, String> env = config("""
                llm:
                  providers:
                    - provider: openai
                      modle: gpt-4o-mini
                      api_key: sk-test
                """);

        assertThatThrownBy(() -> LlmConfig.from(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("llm.providers[0].modle: unknown key")
                .hasMessageContaining("known keys: provider, base_url");
    }

    @Test
    void unknownKeysInNestedSectionsAreNamedToo() throws Exception {
        assertThatThrownBy(() -> LlmConfig.from(config("answers:\n  cache:\n    ttl: 60\n")))
                .hasMessageStartingWith("answers.cache.ttl: unknown key");
        assertThatThrownBy(() -> LlmConfig.from(config("llm:\n  resilience:\n    retries: 3\n")))
                .hasMessageStartingWith("llm.resilience.retries: unknown key");
        assertThatThrownBy(() -> LlmConfig.from(config("llm:\n  provider: openai\n")))
                .hasMessageStartingWith("llm.provider: unknown key")
                .hasMessageContaining("providers");
    }

    @Test
    void aKnownConfigurationPasses() throws Exception {
        Map<String, String> env = config("""
                llm:
                  providers:
                    - provider: openai
                      model: gpt-4o-mini
                      api_key: sk-test
                      timeout_ms: 5000
                  resilience:
                    max_attempts: 2
                answers:
                  cache:
                    ttl_seconds: 60
                """);

        assertThatNoException().isThrownBy(() -> LlmConfig.from(env));
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        Map<String, String> env = Map.of(
                "VERITY_LLM_PROVIDER", "openai",
                "VERITY_LLM_MODEL", "gpt-4o-mini",
                "VERITY_LLM_API_KEY", "sk-test",
                "VERITY_LLM_TIMEOUT_MS", "abc");

        assertThatThrownBy(() -> LlmConfig.from(env))
                .hasMessageContaining("VERITY_LLM_TIMEOUT_MS")
                .hasMessageContaining("\"abc\"");
    }

    private Map<String, String> config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("verity.yaml"), yaml);
        return Map.of("VERITY_CONFIG", file.toString());
    }
}
