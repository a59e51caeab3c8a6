/**
 * The {@link dev.verity.generation.provider.LlmProvider} adapters: Spring AI 2.0 chat models, built without a Spring
 * context, for OpenAI (and OpenAI-compatible servers), Azure OpenAI, Anthropic, Gemini and Ollama.
 *
 * <pre>{@code
 * ProviderSettings settings = ProviderSettings.builder("openai")      // or azure-openai, anthropic, gemini, ollama
 *         .baseUrl("https://api.openai.com/v1")                       // the kind's default when not set
 *         .apiKey(key)
 *         .model("gpt-4o-mini")
 *         .readTimeout(Duration.ofSeconds(30))
 *         .build();                                                   // IllegalArgumentException, for start-up logs
 * LlmProvider provider = SpringAiLlmProvider.create(settings);
 * }</pre>
 *
 * Nothing here retries: {@link dev.verity.llm.provider.SpringAiLlmProvider} turns every library retry off, and
 * {@link dev.verity.llm.provider.ProviderErrors} maps each library's failures to a
 * {@link dev.verity.generation.provider.ProviderException} that says whether a retry may help and when, for the
 * resilience layer above to decide.
 */
@NullMarked
package dev.verity.llm.provider;

import org.jspecify.annotations.NullMarked;
