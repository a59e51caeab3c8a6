package dev.verity.llm.provider;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Lets a streaming call be aborted at the HTTP layer. Spring AI's OpenAI model streams through the SDK's async client
 * and drops the stream handle, so disposing its {@code Flux} leaves the HTTP call running until the provider finishes.
 * Each stream therefore carries a tag header; this OkHttp interceptor removes it before the request leaves, remembers
 * the tagged {@link Call}, and {@link #cancel(String)} cancels it, which closes the socket at once.
 *
 * <p>Where no per-request header can be set (Spring AI's Gemini model), the tag comes from the name of the thread that
 * runs the call: {@link SpringAiLlmProvider} runs each stream on a thread named {@link #threadName}.
 */
final class InFlightCalls implements Interceptor {
    static final String HEADER = "X-Verity-Call";
    private static final String THREAD_TAG = "#call=";

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Set<String> cancelledEarly = ConcurrentHashMap.newKeySet();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String tag = request.header(HEADER);
        if (tag == null) {
            tag = tagOf(Thread.currentThread());
        }
        if (tag == null) {
            return chain.proceed(request);
        }
        Call call = chain.call();
        calls.put(tag, call);
        if (cancelledEarly.remove(tag)) {
            call.cancel();
        }
        return chain.proceed(request.newBuilder().removeHeader(HEADER).build());
    }

    /** The name of a thread whose HTTP calls carry this tag. */
    static String threadName(String prefix, String tag) {
        return prefix + THREAD_TAG + tag;
    }

    private static String tagOf(Thread thread) {
        String name = thread.getName();
        int at = name.lastIndexOf(THREAD_TAG);
        return at < 0 ? null : name.substring(at + THREAD_TAG.length());
    }

    void cancel(String tag) {
        Call call = calls.remove(tag);
        if (call != null) {
            call.cancel();
        } else {
            // The request has not reached the HTTP client yet: cancel it when it does.
            cancelledEarly.add(tag);
        }
    }

    void forget(String tag) {
        calls.remove(tag);
    }

    /** Calls still remembered; for tests. */
    int size() {
        return calls.size();
    }
}
