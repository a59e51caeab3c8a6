/**
 * Resilience in one place: {@link dev.verity.llm.resilience.ResilientLlmProvider} wraps any
 * {@link dev.verity.generation.provider.LlmProvider} with a circuit breaker, a bulkhead, retries with exponential
 * backoff and jitter (retriable failures only, honouring {@code Retry-After}) and a total timeout over all attempts.
 *
 * <pre>{@code
 * LlmProvider provider = new ResilientLlmProvider(SpringAiLlmProvider.create(settings),
 *         ResilienceSettings.defaults().withTotalTimeout(Duration.ofSeconds(20)));
 * }</pre>
 *
 * <p>The trap: wrap each provider once and share the wrapper (answers and condensing), or each wrapper keeps its own
 * circuit state and concurrency limit.
 */
@NullMarked
package dev.verity.llm.resilience;

import org.jspecify.annotations.NullMarked;
