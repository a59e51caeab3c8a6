package dev.verity.observability;

/**
 * The names of a model call's span and its attributes: what the LLM layer writes ({@code llm_call} per provider
 * attempt, with the OpenTelemetry GenAI semantic-convention attributes) and what run records and meters read back. One
 * place, so that writer and readers cannot drift apart.
 */
public final class ModelCallSpans {
    /** One span per provider attempt, inside {@code llm} or {@code llm_repair}. */
    public static final String SPAN = "llm_call";

    public static final String OPERATION = "gen_ai.operation.name";
    public static final String PROVIDER = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    public static final String ERROR_TYPE = "error.type";
    /** {@code ok}, or the failure's {@code ProviderException.Kind} code. */
    public static final String RESULT = "verity.result";
    /** The attempt's number, from 1. */
    public static final String ATTEMPT = "verity.attempt";

    private ModelCallSpans() {}
}
