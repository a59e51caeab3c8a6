package dev.verity.llm.tracing;

import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.ProviderException;
import dev.verity.observability.ModelCallSpans;
import dev.verity.observability.Tracer;

/**
 * Puts the OpenTelemetry GenAI attributes on a span of a model call: what was asked of which provider and model
 * ({@link #request}), what came back ({@link #response}) or why it failed ({@link #failure}). Never the prompt or the
 * reply: they are content.
 *
 * <pre>{@code
 * try (Tracer.Span span = tracer.start("llm_call")) {
 *     GenAiSpans.request(span, "openai", "gpt-4o-mini");
 *     GenAiSpans.response(span, provider.chat(request));
 * }
 * }</pre>
 */
public final class GenAiSpans {
    public static final String OPERATION = ModelCallSpans.OPERATION;
    public static final String PROVIDER = ModelCallSpans.PROVIDER;
    public static final String REQUEST_MODEL = ModelCallSpans.REQUEST_MODEL;
    public static final String RESPONSE_MODEL = ModelCallSpans.RESPONSE_MODEL;
    public static final String INPUT_TOKENS = ModelCallSpans.INPUT_TOKENS;
    public static final String OUTPUT_TOKENS = ModelCallSpans.OUTPUT_TOKENS;
    public static final String FINISH_REASONS = ModelCallSpans.FINISH_REASONS;
    public static final String ERROR_TYPE = ModelCallSpans.ERROR_TYPE;
    /** {@code ok}, or the failure's {@link ProviderException.Kind#code()}. */
    public static final String RESULT = ModelCallSpans.RESULT;

    private GenAiSpans() {}

    /**
     * The provider as the GenAI conventions name it, from Verity's provider code: {@code openai}, {@code anthropic},
     * {@code ollama} as they are; {@code azure-openai} is {@code azure.ai.openai}, {@code gemini} is
     * {@code gcp.gemini}.
     */
    public static String providerName(String code) {
        return switch (code) {
            case "azure-openai" -> "azure.ai.openai";
            case "gemini" -> "gcp.gemini";
            default -> code;
        };
    }

    /** A chat call to {@code model} of the provider {@code providerCode} (Verity's code, e.g. {@code openai}). */
    public static void request(Tracer.Span span, String providerCode, String model) {
        span.attribute(OPERATION, "chat")
                .attribute(PROVIDER, providerName(providerCode))
                .attribute(REQUEST_MODEL, model);
    }

    /** The model that answered, the tokens it counted and why it stopped; the result {@code ok}. */
    public static void response(Tracer.Span span, ChatResponse response) {
        if (!response.model().isBlank()) {
            span.attribute(RESPONSE_MODEL, response.model());
        }
        span.attribute(INPUT_TOKENS, response.usage().inputTokens())
                .attribute(OUTPUT_TOKENS, response.usage().outputTokens());
        if (!response.finishReason().isBlank()) {
            span.attribute(FINISH_REASONS, response.finishReason());
        }
        span.attribute(RESULT, "ok");
    }

    /** A failed call: its kind as {@code verity.result} and {@code error.type}. */
    public static void failure(Tracer.Span span, ProviderException failure) {
        span.attribute(RESULT, failure.kind().code())
                .attribute(ERROR_TYPE, failure.kind().code());
    }

    /** A call that failed with something other than a provider failure: the exception's class as the error type. */
    public static void failure(Tracer.Span span, RuntimeException failure) {
        span.attribute(RESULT, "error").attribute(ERROR_TYPE, failure.getClass().getName());
    }
}
