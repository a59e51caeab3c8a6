package dev.verity.llm.provider;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Turns an HTTP error answer into an {@link HttpStatusException} that keeps the headers, before the SDK sees it. */
final class ErrorResponseCapture implements Interceptor {
    /** Error bodies are short; more than this is not worth keeping. */
    private static final long MAX_BODY_BYTES = 16 * 1024;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() < 400) {
            return response;
        }
        try (response) {
            String body = response.peekBody(MAX_BODY_BYTES).string();
            throw new HttpStatusException(response.code(), response.headers().toMultimap(), body);
        }
    }
}
