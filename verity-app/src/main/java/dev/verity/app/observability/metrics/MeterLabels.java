package dev.verity.app.observability.metrics;

import dev.verity.generation.provider.ProviderException;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.llm.provider.ProviderKind;
import dev.verity.llm.tracing.GenAiSpans;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Label values from bounded sets only: models and provider/model pairs from the configuration, providers and call
 * results from their enums, step and guard names by their shape. Anything else is {@value #OTHER}, so a value that
 * comes from a request or a provider's reply can never make a time series per request.
 *
 * @param models the model names the configuration knows (answer chain, routing, judge)
 * @param routes the configured provider/model pairs, each with its own circuit breaker, in fallback order
 */
public record MeterLabels(Set<String> models, List<Route> routes) {
    /** The value of a label whose value is not in its known set. */
    public static final String OTHER = "other";
    /** The model label of an answer no model wrote (extractive, refused). */
    public static final String NO_MODEL = "none";
    /** No configured model: extractive answers only. */
    public static final MeterLabels NONE = new MeterLabels(Set.of(), List.of());

    /** What may follow a model's name in the name of one of its versions. */
    private static final String VERSION_SEPARATORS = "-:@.";

    /** Step and guard names are code-defined ({@code bm25}, {@code injection-rules@1}): short and plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");

    private static final Set<String> PROVIDERS =
            Arrays.stream(ProviderKind.values()).map(ProviderKind::code).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> RESULTS = resultCodes();
    private static final Set<String> VERDICTS = Arrays.stream(GuardVerdict.Action.values())
            .map(GuardVerdict.Action::code)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * A configured model behind one provider.
     *
     * @param provider the provider's code, e.g. {@code openai}
     * @param model the model name as configured
     */
    public record Route(String provider, String model) {
        public Route {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
        }
    }

    public MeterLabels {
        models = Set.copyOf(models);
        routes = List.copyOf(new LinkedHashSet<>(routes));
    }

    /**
     * The configured model this name is, or is a version of: providers answer with dated names
     * ({@code gpt-4o-mini-2024-07-18} for {@code gpt-4o-mini}), so the longest configured name that {@code model}
     * starts with, followed by {@code -}, {@code :}, {@code @} or {@code .}; {@value #OTHER} when none.
     */
    public String model(String model) {
        if (models.contains(model)) {
            return model;
        }
        String best = OTHER;
        for (String known : models) {
            if (model.length() > known.length()
                    && model.startsWith(known)
                    && VERSION_SEPARATORS.indexOf(model.charAt(known.length())) >= 0
                    && (best.equals(OTHER) || known.length() > best.length())) {
                best = known;
            }
        }
        return best;
    }

    /** The model, if configured; {@value #NO_MODEL} when none wrote the answer. */
    public String model(Optional<String> model) {
        return model.map(this::model).orElse(NO_MODEL);
    }

    /**
     * A provider code ({@code openai}, {@code anthropic}…), also when named as the GenAI conventions name it on
     * {@code llm_call} spans ({@code gcp.gemini} is {@code gemini}, {@code azure.ai.openai} is {@code azure-openai}),
     * else {@value #OTHER}.
     */
    public String provider(String provider) {
        if (PROVIDERS.contains(provider)) {
            return provider;
        }
        return PROVIDERS.stream()
                .filter(code -> GenAiSpans.providerName(code).equals(provider))
                .findFirst()
                .orElse(OTHER);
    }

    /** {@code ok} or a provider failure's kind code ({@code timeout}, {@code rate_limited}…), else {@value #OTHER}. */
    public String result(String result) {
        return RESULTS.contains(result) ? result : OTHER;
    }

    /** A guard verdict's action ({@code allow}, {@code flag}, {@code block}), else {@value #OTHER}. */
    public String verdict(String action) {
        return VERDICTS.contains(action) ? action : OTHER;
    }

    /** A step or guard name as code writes them, else {@value #OTHER}. */
    public String name(String name) {
        return NAME.matcher(name).matches() ? name : OTHER;
    }

    private static Set<String> resultCodes() {
        Set<String> codes = new LinkedHashSet<>();
        codes.add("ok");
        Arrays.stream(ProviderException.Kind.values())
                .map(ProviderException.Kind::code)
                .forEach(codes::add);
        return Set.copyOf(codes);
    }
}
