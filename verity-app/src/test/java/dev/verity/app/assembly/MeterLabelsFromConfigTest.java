package dev.verity.app.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.config.LlmConfig;
import dev.verity.app.observability.metrics.MeterLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model label values are the models the configuration names: chain, routing and judge. */
class MeterLabelsFromConfigTest {
    @TempDir
    Path dir;

    @Test
    void theChainTheRoutedModelsAndTheJudgeAreTheKnownModels() throws Exception {
        MeterLabels labels = Components.meterLabels(LlmConfig.from(config("""
                llm:
                  providers:
                    - provider: openai
                      model: gpt-4o-mini
                      api_key: sk-test
                    - provider: ollama
                      model: llama3.1
                  judge:
                    provider: anthropic
                    model: claude-judge
                    api_key: sk-test
                answers:
                  routing:
                    easy_model: gpt-4o-mini
                    hard_model: gpt-4o
                    threshold: 0.4
                """)));

        assertThat(labels.models()).containsExactlyInAnyOrder("gpt-4o-mini", "llama3.1", "gpt-4o", "claude-judge");
        assertThat(labels.routes())
                .containsExactly(
                        new MeterLabels.Route("openai", "gpt-4o-mini"),
                        new MeterLabels.Route("ollama", "llama3.1"),
                        new MeterLabels.Route("openai", "gpt-4o"));
    }

    @Test
    void withoutAModelThereAreNoModelLabels() {
        MeterLabels labels = Components.meterLabels(LlmConfig.from(Map.of()));

        assertThat(labels.models()).isEmpty();
        assertThat(labels.routes()).isEmpty();
        assertThat(labels.model("gpt-4o")).isEqualTo("other");
    }

    private Map<String, String> config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("verity.yaml"), yaml);
        return Map.of("VERITY_CONFIG", file.toString());
    }
}
