package dev.verity.llm.provider;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * An {@link LlmProvider} over a Spring AI 2.0 chat model, built programmatically (no Spring context) from
 * {@link ProviderSettings} for OpenAI and OpenAI-compatible servers, Azure OpenAI, Anthropic, Gemini or Ollama.
 *
 * <pre>{@code
 * try (SpringAiLlmProvider provider = SpringAiLlmProvider.create(settings)) {
 *     ChatResponse reply = provider.chat(new ChatRequest(settings.model(),
 *             List.of(ChatMessage.system("Answer from the sources."), ChatMessage.user(question)),
 *             Optional.of(answerSchemaJson), 800, 0.0));
 * }
 * }</pre>
 *
 * <p>Every retry below this class is off (Spring AI's retry templates, the SDKs' own retries, OkHttp's silent retry
 * where it can be reached): one {@code chat} or {@code stream} is one HTTP request, and resilience lives in one place
 * above. Failures are {@link ProviderException}s, mapped by {@link ProviderErrors}. A structured-output schema is sent
 * in the provider's native form where it has one (OpenAI {@code response_format: json_schema}, Gemini
 * {@code responseJsonSchema}, Ollama {@code format}); Anthropic gets none and relies on the prompt.
 *
 * <p>{@code stream} hands each delta to the consumer on the calling thread, in order; the model's stream runs on the
 * client's threads, or on a virtual thread of its own for models that read it on the subscribing thread. Interrupting
 * the calling thread cancels the HTTP call and throws {@link CancellationException} with the interrupt flag kept; so
 * does interrupting it during {@code chat}, as far as the client library lets the blocked read notice (on a virtual
 * thread it does). A stream silent for longer than the read timeout fails as {@code TIMEOUT}. Trap: do not call
 * {@code stream} while holding a lock the consumer also needs.
 */
public final class SpringAiLlmProvider implements LlmProvider, AutoCloseable {
    private final ProviderSettings settings;
    private final ModelAdapter adapter;

    private SpringAiLlmProvider(ProviderSettings settings, ModelAdapter adapter) {
        this.settings = settings;
        this.adapter = adapter;
    }

    /** A provider for these settings. Builds the clients; no network call is made until the first request. */
    public static SpringAiLlmProvider create(ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new SpringAiLlmProvider(settings, ModelAdapter.forSettings(settings));
    }

    /** The provider kind's code, e.g. {@code azure-openai}. */
    @Override
    public String name() {
        return settings.kind().code();
    }

    public ProviderSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Prompt prompt = prompt(request, Optional.empty());
        org.springframework.ai.chat.model.ChatResponse response;
        try {
            response = adapter.model().call(prompt);
        } catch (RuntimeException e) {
            throw failure(e);
        }
        ReplyCollector collector = new ReplyCollector();
        collector.add(response);
        if (!collector.sawReply()) {
            throw new ProviderException(ProviderException.Kind.INVALID_RESPONSE, name(), "the answer carried no reply");
        }
        return collector.result(request);
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
        Objects.requireNonNull(onDelta, "onDelta");
        String callTag = UUID.randomUUID().toString();
        Prompt prompt = prompt(request, Optional.of(callTag));
        Flux<org.springframework.ai.chat.model.ChatResponse> chunks;
        try {
            chunks = adapter.model().stream(prompt);
        } catch (RuntimeException e) {
            throw failure(e);
        }
        // A backstop for clients whose socket timeouts do not cover a stream's gaps (the JDK client's does not):
        // the first chunk may take a connection and a read, each later one a read.
        Duration firstWait = settings.connectTimeout().plus(settings.readTimeout());
        Flux<org.springframework.ai.chat.model.ChatResponse> watched = chunks.timeout(
                        Mono.delay(firstWait), chunk -> Mono.delay(settings.readTimeout()))
                .contextWrite(Context.of(ModelAdapter.CALL_TAG, callTag));
        Relay relay = new Relay();
        // Some models (Gemini's) read the whole stream on the subscribing thread, blocked in socket reads that only
        // an interrupt of a virtual thread can break: those subscribe on a thread of their own. Where subscribing
        // only starts the call, the caller's thread does it and no thread is started (a hand-over less per call).
        Thread worker = null;
        if (adapter.subscribesAsynchronously()) {
            watched.subscribe(relay);
        } else {
            worker = Thread.ofVirtual()
                    .name(InFlightCalls.threadName("verity-llm-" + name() + "-stream", callTag))
                    .start(() -> watched.subscribe(relay));
        }
        ReplyCollector collector = new ReplyCollector();
        boolean finished = false;
        try {
            while (true) {
                Object signal = relay.signals.take();
                if (signal == Relay.COMPLETE) {
                    finished = true;
                    break;
                }
                if (signal instanceof Relay.Failure f) {
                    finished = true;
                    throw failure(f.error());
                }
                String delta = collector.add((org.springframework.ai.chat.model.ChatResponse) signal);
                if (!delta.isEmpty()) {
                    onDelta.accept(delta);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(name() + ": streaming call interrupted");
        } finally {
            if (!finished) {
                // The HTTP call first: disposing can block until a blocked read returns (Anthropic's model closes its
                // stream on disposal, and closing waits for the reader).
                adapter.cancel(callTag);
                if (worker != null) {
                    worker.interrupt();
                }
                relay.dispose();
            }
            adapter.forget(callTag);
        }
        if (!collector.sawReply()) {
            throw new ProviderException(ProviderException.Kind.INVALID_RESPONSE, name(), "the stream carried no reply");
        }
        return collector.result(request);
    }

    /**
     * Readies this provider for its first call without a billed one.
     *
     * <ol>
     *   <li>For OpenAI, Azure OpenAI and Ollama, a twin of this provider (same SDK and settings) makes one call and
     *       one stream against an in-process stand-in of the protocol on a loopback port ({@link ProtocolStandIn}):
     *       the classes and JSON mappers of a chat are loaded, and nothing leaves the machine.
     *   <li>The one request the provider answers for free (listing its models: {@code GET /models} for
     *       OpenAI-compatible servers, {@code /api/tags} for Ollama, the model lists of Anthropic and Gemini) opens
     *       and pools the connection to it, TLS included.
     * </ol>
     *
     * @throws ProviderException when the provider cannot be reached or refuses the credential, as a call would
     * @throws IllegalStateException when the in-process exchange fails (then a real one would likely fail too)
     */
    public void warmUp() {
        ChatRequest canned = new ChatRequest(
                settings.model(),
                List.of(ChatMessage.system("Warm-up."), ChatMessage.user("Warm-up.")),
                Optional.of("{\"type\": \"object\"}"),
                1,
                0.0);
        try (ProtocolStandIn standIn = ProtocolStandIn.start(settings.kind()).orElse(null)) {
            if (standIn != null) {
                try (SpringAiLlmProvider twin = new SpringAiLlmProvider(
                        standIn.settingsFor(settings), ModelAdapter.forSettings(standIn.settingsFor(settings)))) {
                    twin.chat(canned);
                    twin.stream(canned, delta -> {});
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException(name() + ": the in-process warm-up exchange failed: " + e.getMessage(), e);
        }
        try {
            adapter.warmUp();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** Closes the HTTP clients; calls in flight fail. */
    @Override
    public void close() {
        adapter.close();
    }

    @Override
    public String toString() {
        return "SpringAiLlmProvider[" + settings + "]";
    }

    private Prompt prompt(ChatRequest request, Optional<String> callTag) {
        List<Message> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage m : request.messages()) {
            messages.add(
                    switch (m.role()) {
                        case SYSTEM -> new SystemMessage(m.content());
                        case USER -> new UserMessage(m.content());
                        case ASSISTANT -> new AssistantMessage(m.content());
                    });
        }
        return new Prompt(messages, adapter.options(request, callTag));
    }

    private RuntimeException failure(Throwable error) {
        if (Thread.currentThread().isInterrupted()) {
            CancellationException cancelled = new CancellationException(name() + ": call interrupted");
            cancelled.initCause(error);
            return cancelled;
        }
        return ProviderErrors.map(name(), error);
    }

    /** Hands a stream's signals from whatever thread emits them to the calling thread. */
    private static final class Relay extends BaseSubscriber<org.springframework.ai.chat.model.ChatResponse> {
        static final Object COMPLETE = new Object();

        record Failure(Throwable error) {}

        final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(org.springframework.ai.chat.model.ChatResponse value) {
            signals.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            signals.add(new Failure(throwable));
        }

        @Override
        protected void hookOnComplete() {
            signals.add(COMPLETE);
        }
    }
}
