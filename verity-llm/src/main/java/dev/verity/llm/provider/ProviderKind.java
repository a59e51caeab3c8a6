package dev.verity.llm.provider;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of provider Verity talks to, by the code used in configuration. */
public enum ProviderKind {
    /** OpenAI, or any server speaking its chat completions API (vLLM, llama.cpp, LM Studio, Groq…). */
    OPENAI("openai", "https://api.openai.com/v1"),
    /** Azure OpenAI (Microsoft Foundry): a resource endpoint, a deployment and an API version. */
    AZURE_OPENAI("azure-openai", null),
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    /** The Google Gemini API with an API key (not Vertex AI). */
    GEMINI("gemini", "https://generativelanguage.googleapis.com"),
    OLLAMA("ollama", "http://localhost:11434");

    private final String code;
    private final String defaultBaseUrl;

    ProviderKind(String code, String defaultBaseUrl) {
        this.code = code;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The configuration code, e.g. {@code azure-openai}; also the provider's {@code name()}. */
    public String code() {
        return code;
    }

    /** Where the provider lives when no base URL is configured; Azure has no such place. */
    public Optional<URI> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl).map(URI::create);
    }

    /**
     * Whether calls need an API key. OpenAI's own API does, but an OpenAI-compatible server often does not, so for
     * {@link #OPENAI} this depends on the base URL; Ollama takes none (one given is sent as a bearer token, for
     * proxies).
     */
    public boolean requiresApiKey(URI baseUrl) {
        return switch (this) {
            case OPENAI -> "api.openai.com".equalsIgnoreCase(baseUrl.getHost());
            case AZURE_OPENAI, ANTHROPIC, GEMINI -> true;
            case OLLAMA -> false;
        };
    }

    /** The kind with this code, ignoring case and surrounding blanks. */
    public static ProviderKind fromCode(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException(
                    "kind must be one of " + codes() + ", got " + (code == null ? "nothing" : "\"" + code + "\""));
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.code.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of " + codes() + ", got \"" + code + "\"");
    }

    private static String codes() {
        return Arrays.stream(values()).map(ProviderKind::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
