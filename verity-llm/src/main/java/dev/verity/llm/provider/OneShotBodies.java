package dev.verity.llm.provider;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Stops OkHttp from silently sending a request again. With {@code retryOnConnectionFailure} on (Spring AI's OpenAI
 * and Anthropic clients hard-code it), a connection reset after the request went out makes OkHttp resend it on a new
 * connection: a second, billed model call the caller never sees. OkHttp never resends a body marked one-shot once it
 * has started sending it, so every body is marked so here. Failures before anything was sent (connecting to one of
 * several addresses) may still be tried on another route: those requests never reached the provider.
 */
final class OneShotBodies implements Interceptor {

    @Override
    public okhttp3.Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        RequestBody body = request.body();
        if (body == null || body.isOneShot()) {
            return chain.proceed(request);
        }
        return chain.proceed(
                request.newBuilder().method(request.method(), new OneShot(body)).build());
    }

    private static final class OneShot extends RequestBody {
        private final RequestBody delegate;

        OneShot(RequestBody delegate) {
            this.delegate = delegate;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return delegate.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            delegate.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
