package dev.verity.app.config;

import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.provider.ProviderSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reading configuration values from the environment and the {@code VERITY_CONFIG} file, shared by {@link LlmConfig}
 * and {@link EmbeddingConfig}: every mistake becomes an {@link IllegalArgumentException} naming the setting, never a
 * secret.
 */
final class ConfigValues {
    /** The environment variable naming the optional YAML file. */
    static final String CONFIG_ENV = "VERITY_CONFIG";

    private ConfigValues() {}

    /** The YAML file named by {@code VERITY_CONFIG}, or an empty mapping when none is. */
    static Map<String, Object> file(Map<String, String> env) {
        return Optional.ofNullable(env.get(CONFIG_ENV))
                .filter(p -> !p.isBlank())
                .map(p -> readYaml(Path.of(p)))
                .orElse(Map.of());
    }

    /**
     * The provider described by an entry with the keys {@code provider}, {@code base_url}, {@code api_key},
     * {@code api_key_file}, {@code api_key_env}, {@code model}, {@code azure_deployment}, {@code azure_api_version}.
     *
     * @param where how messages name the entry: a YAML path such as {@code llm.providers[1]}, or the environment
     *     variables it came from such as {@code VERITY_LLM_*}
     * @param envPrefix the prefix of the entry's environment variables, for hints ({@code VERITY_LLM_})
     * @param kinds the provider codes allowed here, for the message when none is given
     * @param exampleModel a model name for the message when none is given
     */
    static ProviderSettings provider(
            Map<String, Object> e,
            String where,
            Map<String, String> env,
            String envPrefix,
            String kinds,
            String exampleModel) {
        String kind = text(e.get("provider"), setting(where, "provider"));
        if (kind == null) {
            throw new IllegalArgumentException(setting(where, "provider") + " is missing (" + kinds + ")");
        }
        String model = text(e.get("model"), setting(where, "model"));
        if (model == null) {
            throw new IllegalArgumentException(setting(where, "model")
                    + " is missing: name the model to use (for example " + envPrefix + "MODEL=" + exampleModel + ")");
        }
        ProviderSettings.Builder builder;
        try {
            builder = ProviderSettings.builder(kind).model(model);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(setting(where, "provider") + ": " + unknown.getMessage());
        }
        String baseUrl = text(e.get("base_url"), setting(where, "base_url"));
        Optional.ofNullable(baseUrl).ifPresent(builder::baseUrl);
        Optional<String> key = apiKey(e, where, env);
        key.ifPresent(builder::apiKey);
        ProviderKind providerKind = ProviderKind.fromCode(kind);
        if (key.isEmpty()
                && (baseUrl == null
                        ? providerKind.defaultBaseUrl().isPresent()
                                && providerKind.requiresApiKey(
                                        providerKind.defaultBaseUrl().get())
                        : isHttpUrl(baseUrl) && providerKind.requiresApiKey(URI.create(baseUrl)))) {
            throw new IllegalArgumentException(where + ": provider " + kind + " needs an API key: set "
                    + (where.endsWith("_*")
                            ? envPrefix + "API_KEY or " + envPrefix + "API_KEY_FILE"
                            : "api_key_env, api_key_file or api_key"));
        }
        Optional.ofNullable(text(e.get("azure_deployment"), setting(where, "azure_deployment")))
                .ifPresent(builder::azureDeployment);
        Optional.ofNullable(text(e.get("azure_api_version"), setting(where, "azure_api_version")))
                .ifPresent(builder::azureApiVersion);
        return build(where, builder);
    }

    /** Builds the settings, prefixing a validation message with where they came from. */
    static ProviderSettings build(String where, ProviderSettings.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new IllegalArgumentException(where + ": " + invalid.getMessage());
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The key from {@code api_key}, {@code api_key_file} (trimmed) or {@code api_key_env}, in that order. */
    private static Optional<String> apiKey(Map<String, Object> e, String where, Map<String, String> env) {
        String direct = text(e.get("api_key"), setting(where, "api_key"));
        if (direct != null) {
            return Optional.of(direct);
        }
        String file = text(e.get("api_key_file"), setting(where, "api_key_file"));
        if (file != null) {
            try {
                return Optional.of(
                        Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
            } catch (IOException ex) {
                throw new IllegalArgumentException(setting(where, "api_key_file") + ": cannot read " + file + " ("
                        + ex.getClass().getSimpleName() + ")");
            }
        }
        String variable = text(e.get("api_key_env"), setting(where, "api_key_env"));
        if (variable != null) {
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        setting(where, "api_key_env") + " names " + variable + ", which is not set");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static Map<String, Object> readYaml(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return root == null ? Map.of() : map(root, "VERITY_CONFIG (" + path + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("VERITY_CONFIG names " + path + ", which cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("VERITY_CONFIG (" + path + ") is not valid YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + " must be a mapping, got " + value);
        }
        return (Map<String, Object>) m;
    }

    /**
     * How a message names setting {@code key} of the entry {@code where}: the environment variable the user set when
     * the entry came from the environment ({@code VERITY_LLM_*} and {@code timeout_ms} give
     * {@code VERITY_LLM_TIMEOUT_MS}), else the key's path in the file ({@code llm.providers[1].timeout_ms}).
     */
    static String setting(String where, String key) {
        return where.endsWith("_*")
                ? where.substring(0, where.length() - 1) + key.toUpperCase(java.util.Locale.ROOT)
                : where + "." + key;
    }

    /** Puts {@code value} under {@code key} unless it is absent or blank. */
    static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    /** The value as trimmed text; {@code null} when absent or blank. */
    static String text(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(where + " must be a single value");
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** A whole number above 0, or {@code fallback} when absent. */
    static long number(Object value, String where, long fallback) {
        String s = text(value, where);
        if (s == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number above 0, got \"" + s + "\"");
        }
    }
}
