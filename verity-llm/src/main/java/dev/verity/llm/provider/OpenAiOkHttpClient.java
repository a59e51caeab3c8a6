package dev.verity.llm.provider;

import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpMethod;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The openai-java SDK's HTTP seam over our own OkHttp client, in place of Spring AI's {@code SpringAiOpenAiHttpClient},
 * whose builder offers no socket factory. Ours sets {@code TCP_NODELAY} ({@link NoDelaySockets}).
 *
 * <p>Like the rest of this package it never resends: OkHttp's retry on connection failure is off, and the SDK's
 * retries are set to zero by {@link ProviderClients}. Per-call timeouts from the SDK's request options are honoured.
 */
final class OpenAiOkHttpClient implements HttpClient {
    private final OkHttpClient http;

    OpenAiOkHttpClient(Timeout timeout, List<Interceptor> interceptors) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .socketFactory(NoDelaySockets.plain())
                .retryOnConnectionFailure(false)
                .connectTimeout(timeout.connect())
                .readTimeout(timeout.read())
                .writeTimeout(timeout.write())
                .callTimeout(timeout.request());
        interceptors.forEach(builder::addInterceptor);
        this.http = builder.build();
    }

    /** The OkHttp client underneath, for tests. */
    OkHttpClient okHttp() {
        return http;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        try {
            return toResponse(newCall(request, options).execute());
        } catch (IOException e) {
            throw new OpenAIIoException("Request failed", e);
        } finally {
            closeBody(request);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        CompletableFuture<HttpResponse> future = new CompletableFuture<>();
        Call call = newCall(request, options);
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                future.complete(toResponse(response));
            }

            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(new OpenAIIoException("Request failed", e));
            }
        });
        future.whenComplete((unused, error) -> {
            if (error instanceof CancellationException) {
                call.cancel();
            }
            closeBody(request);
        });
        return future;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private Call newCall(HttpRequest request, RequestOptions options) {
        OkHttpClient client = http;
        Timeout timeout = options.getTimeout();
        if (timeout != null) {
            client = http.newBuilder()
                    .connectTimeout(timeout.connect())
                    .readTimeout(timeout.read())
                    .writeTimeout(timeout.write())
                    .callTimeout(timeout.request())
                    .build();
        }
        RequestBody body = toBody(request.body());
        if (body == null
                && (request.method() == HttpMethod.POST
                        || request.method() == HttpMethod.PUT
                        || request.method() == HttpMethod.PATCH)) {
            body = RequestBody.create(new byte[0], null);
        }
        Request.Builder builder =
                new Request.Builder().url(request.url()).method(request.method().name(), body);
        Headers headers = request.headers();
        for (String name : headers.names()) {
            for (String value : headers.values(name)) {
                builder.addHeader(name, value);
            }
        }
        return client.newCall(builder.build());
    }

    private static RequestBody toBody(HttpRequestBody source) {
        if (source == null) {
            return null;
        }
        MediaType type = source.contentType() == null ? null : MediaType.parse(source.contentType());
        long length = source.contentLength();
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return type;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return !source.repeatable();
            }

            @Override
            public void writeTo(BufferedSink sink) {
                source.writeTo(sink.outputStream());
            }
        };
    }

    private static HttpResponse toResponse(Response response) {
        Headers.Builder headers = Headers.builder();
        for (int i = 0; i < response.headers().size(); i++) {
            headers.put(response.headers().name(i), response.headers().value(i));
        }
        Headers converted = headers.build();
        return new HttpResponse() {
            @Override
            public int statusCode() {
                return response.code();
            }

            @Override
            public Headers headers() {
                return converted;
            }

            @Override
            public InputStream body() {
                return response.body().byteStream();
            }

            @Override
            public void close() {
                response.body().close();
            }
        };
    }

    private static void closeBody(HttpRequest request) {
        if (request.body() != null) {
            request.body().close();
        }
    }
}
