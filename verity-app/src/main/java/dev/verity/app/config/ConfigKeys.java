package dev.verity.app.config;

import java.util.List;
import java.util.Map;

/**
 * The keys Verity reads under {@code llm} and {@code answers} in the {@code VERITY_CONFIG} file: a key that is not
 * one of them is an error (exit 2) naming its path and the keys allowed there, because a misspelt key
 * ({@code llm.providers[0].modle}) is otherwise ignored in silence and the default used instead — the user believes
 * a setting is in force that is not. The {@code embedding}, {@code ocr}, {@code parsing} and {@code llm.judge}
 * sections check their own keys where they are read.
 *
 * <p>Unknown top-level sections are not refused here: sections are added by features as they come, and each checks
 * its own keys.
 */
final class ConfigKeys {
    private static final List<String> LLM = List.of("providers", "prices", "resilience", "judge");
    private static final List<String> PROVIDER = List.of(
            "provider",
            "base_url",
            "api_key",
            "api_key_file",
            "api_key_env",
            "model",
            "azure_deployment",
            "azure_api_version",
            "timeout_ms");
    private static final List<String> RESILIENCE =
            List.of("max_attempts", "failure_threshold", "open_seconds", "max_concurrent_calls");
    private static final List<String> PRICE = List.of("input_per_million", "output_per_million");
    private static final List<String> ANSWERS = List.of("cache", "routing", "prompt");
    private static final Map<String, List<String>> ANSWER_SECTIONS = Map.of(
            "cache", List.of("ttl_seconds", "max_entries"),
            "routing", List.of("easy_model", "hard_model", "threshold"),
            "prompt", List.of("version", "candidate", "candidate_share"));

    private ConfigKeys() {}

    /**
     * Checks the {@code llm} and {@code answers} sections of the file.
     *
     * @throws IllegalArgumentException naming the first unknown key by its path, e.g. {@code llm.providers[0].modle}
     */
    static void checkLlmAndAnswers(Map<String, Object> file) {
        Map<String, Object> llm = ConfigValues.map(file.get("llm"), "llm");
        known(llm, "llm", LLM);
        if (llm.get("providers") instanceof List<?> providers) {
            for (int i = 0; i < providers.size(); i++) {
                String where = "llm.providers[" + i + "]";
                known(ConfigValues.map(providers.get(i), where), where, PROVIDER);
            }
        }
        known(ConfigValues.map(llm.get("resilience"), "llm.resilience"), "llm.resilience", RESILIENCE);
        ConfigValues.map(llm.get("prices"), "llm.prices").forEach((model, price) -> {
            String where = "llm.prices." + model;
            known(ConfigValues.map(price, where), where, PRICE);
        });
        Map<String, Object> answers = ConfigValues.map(file.get("answers"), "answers");
        known(answers, "answers", ANSWERS);
        ANSWER_SECTIONS.forEach((section, keys) -> {
            String where = "answers." + section;
            known(ConfigValues.map(answers.get(section), where), where, keys);
        });
    }

    private static void known(Map<String, Object> section, String where, List<String> keys) {
        for (String key : section.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(
                        where + "." + key + ": unknown key in VERITY_CONFIG; known keys: " + String.join(", ", keys));
            }
        }
    }
}
