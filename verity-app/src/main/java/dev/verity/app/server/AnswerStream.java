package dev.verity.app.server;

import dev.verity.generation.answer.AnswerListener;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An answer streamed as server-sent events, the same for every endpoint that answers: {@code token} events carry
 * text deltas ({@code {"text"}}), {@code reset} voids the deltas so far (a fallback took over), {@code citations}
 * carries the verified citations and {@code done} the final response object, the same as the JSON response. A
 * failure ends the stream with an {@code error} event holding its problem details. A client that leaves, or a stream
 * that times out, interrupts the worker, which cancels the model call.
 */
final class AnswerStream {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerStream.class);
    /** Longest a streamed answer may take before the server closes the stream. */
    private static final long STREAM_TIMEOUT_MS = 5 * 60 * 1000;

    private AnswerStream() {}

    /** True when the body asks for a stream, or the client accepts only {@code text/event-stream}. */
    static boolean requested(Boolean stream, String accept) {
        return Boolean.TRUE.equals(stream)
                || (accept != null
                        && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)
                        && !accept.contains(MediaType.APPLICATION_JSON_VALUE));
    }

    /**
     * Runs {@code answer} on a virtual thread with a listener that streams its deltas, then sends the citations of
     * the response it returned and the response itself.
     */
    static <T> SseEmitter start(Function<AnswerListener, T> answer, Function<T, List<?>> citations) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        // the request's trace context goes with the work: its spans stay in the request's trace
        Thread worker = Thread.ofVirtual()
                .name("verity-stream")
                .unstarted(Context.current().wrap(() -> {
                    try {
                        T response = answer.apply(new AnswerListener() {
                            @Override
                            public void onDelta(String text) {
                                send(emitter, "token", Map.of("text", text));
                            }

                            @Override
                            public void onReset() {
                                send(emitter, "reset", Map.of());
                            }
                        });
                        send(emitter, "citations", citations.apply(response));
                        send(emitter, "done", response);
                        emitter.complete();
                    } catch (ClientGoneException gone) {
                        LOG.debug("client left during a streamed answer; the model call was cancelled");
                    } catch (RuntimeException e) {
                        try {
                            send(emitter, "error", ProblemHandler.describe(e));
                            emitter.complete();
                        } catch (ClientGoneException gone) {
                            // nobody left to tell
                        }
                    }
                }));
        // the client went away or the stream timed out: interrupting the worker cancels the model call
        emitter.onCompletion(worker::interrupt);
        emitter.onTimeout(worker::interrupt);
        emitter.onError(e -> worker.interrupt());
        worker.start();
        return emitter;
    }

    private static void send(SseEmitter emitter, String event, Object data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException(e);
        }
    }

    /** The client closed the stream; stops the generation that writes to it. */
    private static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super(cause);
        }
    }
}
