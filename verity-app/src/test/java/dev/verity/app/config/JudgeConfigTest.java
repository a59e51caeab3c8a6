package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.llm.provider.ProviderKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation judge's model: {@code llm.judge} in {@code VERITY_CONFIG} and {@code VERITY_JUDGE_*}. */
class JudgeConfigTest {
    private static final Map<String, String> ANSWER_MODEL =
            Map.of("VERITY_LLM_PROVIDER", "ollama", "VERITY_LLM_MODEL", "llama3.1", "VERITY_LLM_TIMEOUT_MS", "45000");

    @TempDir
    Path dir;

    private static LlmConfig from(Map<String, String> env) {
        return LlmConfig.from(env, ConfigValues.file(env));
    }

    private Map<String, String> withFile(String yaml, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put(
                "VERITY_CONFIG",
                Files.writeString(dir.resolve("verity.yaml"), yaml).toString());
        return all;
    }

    @Test
    void thereIsNoJudgeUnlessOneIsConfiguredEvenWithAnAnswerModel() {
        assertThat(from(Map.of()).judge()).isEmpty();
        assertThat(from(ANSWER_MODEL).judge()).isEmpty();
        assertThat(LlmConfig.NONE.judge()).isEmpty();
    }

    @Test
    void theEnvironmentConfiguresAJudgeApartFromTheAnswerModel() throws Exception {
        Path key = Files.writeString(dir.resolve("judge-key"), "sk-judge\n");
        Map<String, String> env = new HashMap<>(ANSWER_MODEL);
        env.putAll(Map.of(
                "VERITY_JUDGE_PROVIDER",
                "openai",
                "VERITY_JUDGE_MODEL",
                "gpt-4o",
                "VERITY_JUDGE_BASE_URL",
                "http://judge-box:8000/v1",
                "VERITY_JUDGE_API_KEY_FILE",
                key.toString(),
                "VERITY_JUDGE_TIMEOUT_MS",
                "90000"));

        LlmConfig config = from(env);

        LlmConfig.Judge judge = config.judge().orElseThrow();
        assertThat(judge.provider().kind()).isEqualTo(ProviderKind.OPENAI);
        assertThat(judge.provider().model()).isEqualTo("gpt-4o");
        assertThat(judge.provider().baseUrl()).hasToString("http://judge-box:8000/v1");
        assertThat(judge.provider().apiKey()).contains("sk-judge");
        assertThat(judge.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.chain().getFirst().model()).isEqualTo("llama3.1");
    }

    @Test
    void theFileConfiguresAJudgeWithTheProviderKeysAndAMinuteTimeout() throws Exception {
        LlmConfig config = from(withFile("""
                llm:
                  judge:
                    provider: anthropic
                    model: claude-sonnet-4-5
                    api_key_env: ANTHROPIC_KEY
                """, Map.of("ANTHROPIC_KEY", "sk-ant")));

        LlmConfig.Judge judge = config.judge().orElseThrow();
        assertThat(judge.provider().kind()).isEqualTo(ProviderKind.ANTHROPIC);
        assertThat(judge.provider().apiKey()).contains("sk-ant");
        assertThat(judge.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.chain()).isEmpty();
    }

    @Test
    void theEnvironmentReplacesTheFilesJudgeAsAWholeAndNoneTurnsItOff() throws Exception {
        String yaml = """
                llm:
                  judge: {provider: anthropic, model: claude-sonnet-4-5, api_key: sk-ant, timeout_ms: 120000}
                """;

        LlmConfig.Judge replaced = from(withFile(
                        yaml, Map.of("VERITY_JUDGE_PROVIDER", "ollama", "VERITY_JUDGE_MODEL", "qwen2.5:14b")))
                .judge()
                .orElseThrow();

        assertThat(replaced.provider().kind()).isEqualTo(ProviderKind.OLLAMA);
        assertThat(replaced.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(from(withFile(yaml, Map.of("VERITY_JUDGE_PROVIDER", "none"))).judge())
                .isEmpty();
    }

    @Test
    void theAnswerModelGradesOnlyWhenTheFileSaysSo() throws Exception {
        LlmConfig.Judge judge = from(withFile("llm:\n  judge: {use_answer_model: true}\n", ANSWER_MODEL))
                .judge()
                .orElseThrow();

        assertThat(judge.provider().kind()).isEqualTo(ProviderKind.OLLAMA);
        assertThat(judge.provider().model()).isEqualTo("llama3.1");
        assertThat(judge.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(from(withFile("llm:\n  judge: {use_answer_model: false}\n", ANSWER_MODEL))
                        .judge())
                .isEmpty();
    }

    @Test
    void reusingTheAnswerModelNeedsOneAndTakesNoOtherSettings() {
        assertThatThrownBy(() -> from(withFile("llm:\n  judge: {use_answer_model: true}\n", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("llm.judge.use_answer_model needs an answer model: configure llm.providers or"
                        + " VERITY_LLM_PROVIDER, or give the judge its own provider and model");
        assertThatThrownBy(
                        () -> from(withFile("llm:\n  judge: {use_answer_model: true, model: gpt-4o}\n", ANSWER_MODEL)))
                .hasMessage("llm.judge.use_answer_model takes no other judge settings, got [model]: either reuse the"
                        + " answer model or describe another one");
        assertThatThrownBy(() -> from(withFile("llm:\n  judge: {use_answer_model: maybe}\n", ANSWER_MODEL)))
                .hasMessage("llm.judge.use_answer_model must be true or false, got \"maybe\"");
    }

    @Test
    void mistakesNameTheSetting() {
        assertThatThrownBy(() -> from(Map.of("VERITY_JUDGE_MODEL", "gpt-4o")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VERITY_JUDGE_MODEL is set, but VERITY_JUDGE_PROVIDER is not: set it to openai,"
                        + " azure-openai, anthropic, gemini or ollama to configure a judge model (or unset"
                        + " VERITY_JUDGE_MODEL)");
        assertThatThrownBy(() -> from(Map.of("VERITY_JUDGE_PROVIDER", "openai")))
                .hasMessage("VERITY_JUDGE_MODEL is missing: name the model to use (for example"
                        + " VERITY_JUDGE_MODEL=gpt-4o)");
        assertThatThrownBy(() -> from(Map.of("VERITY_JUDGE_PROVIDER", "openai", "VERITY_JUDGE_MODEL", "gpt-4o")))
                .hasMessage("VERITY_JUDGE_*: provider openai needs an API key: set VERITY_JUDGE_API_KEY or"
                        + " VERITY_JUDGE_API_KEY_FILE");
        assertThatThrownBy(
                        () -> from(withFile("llm:\n  judge: {provider: ollama, model: m, temprature: 0}\n", Map.of())))
                .hasMessageStartingWith("llm.judge.temprature is not a judge setting; known: [provider, base_url,");
        assertThatThrownBy(
                        () -> from(withFile("llm:\n  judge: {provider: ollama, model: m, timeout_ms: 0}\n", Map.of())))
                .hasMessage("llm.judge.timeout_ms must be a whole number above 0, got \"0\"");
    }
}
