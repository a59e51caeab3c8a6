/**
 * Fake LLM providers that speak the real HTTP protocols, for testing clients through their real SDKs.
 *
 * <p>{@link dev.verity.testkit.llm.FakeLlmServer} runs WireMock on a free local port and answers like OpenAI, Azure
 * OpenAI, Anthropic, Gemini or Ollama ({@link dev.verity.testkit.llm.LlmProtocol}); a
 * {@link dev.verity.testkit.llm.FakeResponse} says what the next calls get:
 *
 * <pre>{@code
 * FakeLlmServer fake = FakeLlmServer.anthropic();
 * fake.respondWith(FakeResponse.reply("Twenty-five days.").usage(120, 4));           // JSON or SSE, as asked
 * fake.respondWith(FakeResponse.status(529));                                          // overloaded_error
 * fake.respondWith(FakeResponse.status(429).retryAfter("7"));
 * fake.respondWith(FakeResponse.connectionReset());
 * fake.respondWith(FakeResponse.reply("slow").firstByteDelay(Duration.ofSeconds(2)));
 * fake.respondWith(FakeResponse.deltas("a", "b", "c").stallAfter(1, Duration.ofSeconds(3)));
 * fake.respondInSequence(FakeResponse.status(503), FakeResponse.reply("ok"));           // fail, then succeed
 * fake.respondToEmbeddingsWith(FakeResponse.embeddings().dimension(768));              // OpenAI, Azure, Ollama
 *
 * fake.callCount();                  // requests that reached the server
 * fake.embeddingCallCount();         // of which embedding calls
 * fake.lastRequest().body();         // what the client sent, e.g. to check the JSON schema
 * }</pre>
 *
 * Trap: a client with retries left on turns one call into several; assert {@code callCount()} after every failure.
 */
@NullMarked
package dev.verity.testkit.llm;

import org.jspecify.annotations.NullMarked;
