package dev.verity.llm.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@code WebClient} connector that gives each exchange its own JDK {@link HttpClient} and shuts it down when the
 * exchange ends, however it ends, or when {@link #cancel(String)} names it.
 *
 * <p>Two things otherwise leave a cancelled Ollama stream running, its model generating for a caller who has gone:
 * cancelling the response body of Spring's {@link JdkClientHttpConnector} leaves the JDK client reading, the
 * connection open, until the server finishes; and Spring AI's stream pipeline ({@code windowUntil}) does not always
 * pass a cancellation upstream. So the exchange is found by the call tag in the Reactor context
 * ({@link ModelAdapter#CALL_TAG}) and its client shut down, which closes the connection at once. One client per
 * exchange costs a selector thread for its life; Ollama calls are few and long.
 */
final class PerCallJdkConnector implements ClientHttpConnector {
    private final Supplier<HttpClient> clients;
    private final Duration readTimeout;
    private final Map<String, HttpClient> byTag = new ConcurrentHashMap<>();

    PerCallJdkConnector(Supplier<HttpClient> clients, Duration readTimeout) {
        this.clients = clients;
        this.readTimeout = readTimeout;
    }

    @Override
    public Mono<ClientHttpResponse> connect(
            HttpMethod method, URI uri, Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
        return Mono.deferContextual(context -> {
            HttpClient client = clients.get();
            Optional<String> tag = context.<String>getOrEmpty(ModelAdapter.CALL_TAG);
            tag.ifPresent(t -> byTag.put(t, client));
            Runnable release = () -> {
                tag.ifPresent(t -> byTag.remove(t, client));
                client.shutdownNow();
            };
            JdkClientHttpConnector connector = new JdkClientHttpConnector(client);
            connector.setReadTimeout(readTimeout);
            return connector
                    .connect(method, uri, requestCallback)
                    .<ClientHttpResponse>map(response -> new ClientHttpResponseDecorator(response) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return super.getBody().doFinally(signal -> release.run());
                        }
                    })
                    .doOnCancel(release)
                    .doOnError(error -> release.run());
        });
    }

    /** Shuts down the exchange of the call tagged so, closing its connection. */
    void cancel(String callTag) {
        HttpClient client = byTag.remove(callTag);
        if (client != null) {
            client.shutdownNow();
        }
    }
}
