package dev.verity.llm.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach one provider. Validated on construction, with messages meant for start-up logs: they name the setting,
 * the rule and the bad value (never the API key).
 *
 * <pre>{@code
 * ProviderSettings settings = ProviderSettings.builder("azure-openai")
 *         .baseUrl("https://my-resource.openai.azure.com")
 *         .apiKey(System.getenv("AZURE_OPENAI_API_KEY"))
 *         .model("gpt-4o-mini")
 *         .azureDeployment("gpt-4o-mini-prod")
 *         .build();
 * }</pre>
 *
 * Trap: for OpenAI and OpenAI-compatible servers the base URL includes the version path ({@code .../v1}); the SDK
 * appends only {@code /chat/completions}.
 *
 * @param kind which protocol to speak
 * @param baseUrl where the provider lives: {@code https://api.openai.com/v1}, an Azure resource endpoint
 *     ({@code https://<resource>.openai.azure.com}, or one ending in {@code /openai/v1} for Azure's v1 API),
 *     {@code https://api.anthropic.com}, {@code https://generativelanguage.googleapis.com},
 *     {@code http://localhost:11434}
 * @param apiKey the credential; never printed by {@link #toString()}
 * @param model the model to ask for (for Azure, what the deployment serves; reported as the answering model)
 * @param azureDeployment Azure only: the deployment name; the model name when empty
 * @param azureApiVersion Azure only: the {@code api-version}, e.g. {@code 2024-10-21}; the SDK's latest stable
 *     version when empty
 * @param connectTimeout the longest wait to open a connection
 * @param readTimeout the longest wait for the next bytes of a response: the first byte, and every gap in a stream
 */
public record ProviderSettings(
        ProviderKind kind,
        URI baseUrl,
        Optional<String> apiKey,
        String model,
        Optional<String> azureDeployment,
        Optional<String> azureApiVersion,
        Duration connectTimeout,
        Duration readTimeout) {

    /** Opening a connection takes milliseconds when the provider is up; ten seconds means it is not. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Long enough for a slow first token of a large prompt; a stream silent that long has stalled. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern API_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    public ProviderSettings {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(baseUrl, "baseUrl must not be null");
        Objects.requireNonNull(apiKey, "apiKey must not be null");
        Objects.requireNonNull(azureDeployment, "azureDeployment must not be null");
        Objects.requireNonNull(azureApiVersion, "azureApiVersion must not be null");
        apiKey = apiKey.map(String::strip).filter(k -> !k.isEmpty());
        azureDeployment = azureDeployment.map(String::strip).filter(d -> !d.isEmpty());
        azureApiVersion = azureApiVersion.map(String::strip).filter(v -> !v.isEmpty());
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be set for provider " + kind + ", got "
                    + (model == null ? "nothing" : "\"" + model + "\""));
        }
        model = model.strip();
        checkHttpUrl(baseUrl);
        if (kind == ProviderKind.OPENAI
                && (baseUrl.getPath() == null
                        || baseUrl.getPath().isEmpty()
                        || baseUrl.getPath().equals("/"))) {
            throw new IllegalArgumentException("baseUrl for provider openai must include the API version path, "
                    + "e.g. https://api.openai.com/v1 or http://localhost:8000/v1, got " + baseUrl);
        }
        if (apiKey.isEmpty() && kind.requiresApiKey(baseUrl)) {
            throw new IllegalArgumentException("apiKey must be set for provider " + kind + " at " + baseUrl);
        }
        if (kind != ProviderKind.AZURE_OPENAI && (azureDeployment.isPresent() || azureApiVersion.isPresent())) {
            throw new IllegalArgumentException(
                    "azureDeployment and azureApiVersion apply to provider azure-openai " + "only, not to " + kind);
        }
        azureDeployment.ifPresent(d -> {
            if (d.contains("/") || d.contains("?")) {
                throw new IllegalArgumentException("azureDeployment must be a deployment name, got \"" + d + "\"");
            }
        });
        azureApiVersion.ifPresent(v -> {
            if (!API_VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException(
                        "azureApiVersion must look like 2024-10-21 or 2025-04-01-preview, got \"" + v + "\"");
            }
        });
        checkPositive(connectTimeout, "connectTimeout");
        checkPositive(readTimeout, "readTimeout");
    }

    /** Starts settings for the kind with this configuration code (see {@link ProviderKind#fromCode(String)}). */
    public static Builder builder(String kind) {
        return new Builder(ProviderKind.fromCode(kind));
    }

    public static Builder builder(ProviderKind kind) {
        return new Builder(Objects.requireNonNull(kind, "kind must not be null"));
    }

    /** The Azure deployment to call: the one configured, else the model name. */
    public String deployment() {
        return azureDeployment.orElse(model);
    }

    /** The settings with another model, e.g. for a second, cheaper model at the same provider. */
    public ProviderSettings withModel(String otherModel) {
        return new ProviderSettings(
                kind, baseUrl, apiKey, otherModel, azureDeployment, azureApiVersion, connectTimeout, readTimeout);
    }

    /** The settings with another read timeout, e.g. for calls whose answers take longer to compute. */
    public ProviderSettings withReadTimeout(Duration timeout) {
        return new ProviderSettings(
                kind, baseUrl, apiKey, model, azureDeployment, azureApiVersion, connectTimeout, timeout);
    }

    /** Everything but the key, which shows only as set or not. */
    @Override
    public String toString() {
        return "ProviderSettings[kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(none)") + ", model=" + model
                + azureDeployment.map(d -> ", azureDeployment=" + d).orElse("")
                + azureApiVersion.map(v -> ", azureApiVersion=" + v).orElse("")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }

    private static void checkHttpUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute()
                || !(scheme.equals("http") || scheme.equals("https"))
                || url.getHost() == null
                || url.getHost().isEmpty()) {
            throw new IllegalArgumentException(
                    "baseUrl must be an absolute http or https URL with a host, got \"" + url + "\"");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or fragment, got \"" + url + "\"");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry credentials; set apiKey instead");
        }
    }

    private static void checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name + " must not be null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + d);
        }
    }

    /** Collects settings as they come from configuration (strings, possibly absent) and validates them together. */
    public static final class Builder {
        private final ProviderKind kind;
        private String baseUrl;
        private String apiKey;
        private String model;
        private String azureDeployment;
        private String azureApiVersion;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;

        private Builder(ProviderKind kind) {
            this.kind = kind;
        }

        /** The base URL; the kind's default when never set or blank. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder azureDeployment(String azureDeployment) {
            this.azureDeployment = azureDeployment;
            return this;
        }

        public Builder azureApiVersion(String azureApiVersion) {
            this.azureApiVersion = azureApiVersion;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public ProviderSettings build() {
            return new ProviderSettings(
                    kind,
                    resolveBaseUrl(),
                    Optional.ofNullable(apiKey),
                    model,
                    Optional.ofNullable(azureDeployment),
                    Optional.ofNullable(azureApiVersion),
                    connectTimeout,
                    readTimeout);
        }

        private URI resolveBaseUrl() {
            if (baseUrl == null || baseUrl.isBlank()) {
                return kind.defaultBaseUrl()
                        .orElseThrow(() -> new IllegalArgumentException("baseUrl must be set for provider " + kind
                                + ", e.g. https://<resource>.openai.azure.com"));
            }
            String trimmed = baseUrl.strip();
            try {
                return new URI(trimmed);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "baseUrl must be an absolute http or https URL with a host, got \"" + trimmed + "\" ("
                                + e.getReason() + " at index " + e.getIndex() + ")",
                        e);
            }
        }
    }
}
