/**
 * Remote {@link dev.verity.embedding.EmbeddingModel}s: Spring AI 2.0 embedding models, built without a Spring context,
 * for OpenAI (and OpenAI-compatible servers such as vLLM, llama.cpp or LM Studio), Azure OpenAI and Ollama.
 *
 * <pre>{@code
 * ProviderSettings provider = ProviderSettings.builder("openai")
 *         .apiKey(key)
 *         .model("text-embedding-3-small")
 *         .readTimeout(Duration.ofSeconds(30))
 *         .build();
 * EmbeddingSettings settings = EmbeddingSettings.builder(provider)
 *         .dimension(512)                       // shortened vectors: text-embedding-3-* only
 *         .maxBatchSize(64)
 *         .build();                             // IllegalArgumentException, for start-up logs
 * EmbeddingModel model = RemoteEmbeddingModel.create(settings, tokenCounter);
 * }</pre>
 *
 * Gemini is not here: Spring AI 2.0.0's {@code spring-ai-google-genai-embedding} module is not available, and
 * Anthropic has no embeddings API. Vectors come back L2-normalised and checked against the configured dimension; the
 * model's {@code id()} names its vector space, which the index records so that it is never mixed with another.
 */
@NullMarked
package dev.verity.llm.embedding;

import org.jspecify.annotations.NullMarked;
