/**
 * The seam every language model sits behind: {@link dev.verity.generation.provider.LlmProvider} takes a
 * {@link dev.verity.generation.provider.ChatRequest} and returns a {@link dev.verity.generation.provider.ChatResponse}
 * with its {@link dev.verity.generation.provider.TokenUsage}, or throws a
 * {@link dev.verity.generation.provider.ProviderException} that says whether a retry may help.
 *
 * <pre>{@code
 * ChatResponse reply = provider.chat(request); // messages: ChatMessage.system(s), ChatMessage.user(u)
 * double usd = prices.cost(reply.model(), reply.usage());
 * }</pre>
 *
 * <p>Adapters (Spring AI) live in {@code verity-llm}; they never retry themselves: resilience is applied once, around
 * them.
 */
@NullMarked
package dev.verity.generation.provider;

import org.jspecify.annotations.NullMarked;
