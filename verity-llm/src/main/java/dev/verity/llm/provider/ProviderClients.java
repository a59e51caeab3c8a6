package dev.verity.llm.provider;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Interceptor;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP clients of each protocol, built from {@link ProviderSettings} with every library retry off; shared by the
 * chat adapters here and the embedding models in {@code dev.verity.llm.embedding}, so both reach a provider the same
 * way (timeouts, credentials, Azure paths, no silent resend).
 */
public final class ProviderClients {
    /** The SDK insists on a key; for keyless OpenAI-compatible servers this one is sent nowhere (see below). */
    private static final String NO_KEY = "no-key";

    private ProviderClients() {}

    /**
     * Options for the openai-java SDK's clients, for {@link ProviderKind#OPENAI} or {@link ProviderKind#AZURE_OPENAI}:
     * connect, read and write timeouts from the settings, Nagle's algorithm off ({@link OpenAiOkHttpClient}), no SDK
     * retries, request bodies {@link OneShotBodies} so that
     * OkHttp never resends them, and for Azure the key in {@code api-key} and the path mode chosen from the endpoint
     * rather than from the host name (which breaks custom domains and private endpoints). {@code interceptors} run
     * first, in order.
     */
    public static ClientOptions openAi(ProviderSettings settings, Interceptor... interceptors) {
        boolean azure = settings.kind() == ProviderKind.AZURE_OPENAI;
        if (!azure && settings.kind() != ProviderKind.OPENAI) {
            throw new IllegalArgumentException("the OpenAI SDK speaks openai and azure-openai, not " + settings.kind());
        }
        Timeout timeout = Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.readTimeout())
                .write(settings.readTimeout())
                .build();
        List<Interceptor> chain = new ArrayList<>(List.of(interceptors));
        chain.add(new OneShotBodies());
        if (settings.apiKey().isEmpty()) {
            chain.add(c -> c.proceed(
                    c.request().newBuilder().removeHeader("Authorization").build()));
        }
        ClientOptions.Builder options = ClientOptions.builder()
                .httpClient(new OpenAiOkHttpClient(timeout, chain))
                .baseUrl(ModelAdapter.withoutTrailingSlash(settings.baseUrl().toString()))
                .timeout(timeout)
                .maxRetries(0)
                .putHeader("User-Agent", ModelAdapter.USER_AGENT);
        if (azure) {
            options.credential(AzureApiKeyCredential.create(settings.apiKey().orElseThrow()));
            // An endpoint ending in /openai/v1 is Azure's v1 API (OpenAI's paths, model in the body); any other is
            // the classic one: /openai/deployments/{deployment}/...?api-version=...
            boolean v1 = ModelAdapter.withoutTrailingSlash(settings.baseUrl().getPath())
                    .endsWith("/openai/v1");
            options.azureUrlPathMode(v1 ? AzureUrlPathMode.UNIFIED : AzureUrlPathMode.LEGACY);
            settings.azureApiVersion()
                    .map(AzureOpenAIServiceVersion::fromString)
                    .or(() -> v1 ? Optional.empty() : Optional.of(AzureOpenAIServiceVersion.latestStableVersion()))
                    .ifPresent(options::azureServiceVersion);
        } else {
            options.apiKey(settings.apiKey().orElse(NO_KEY));
        }
        return options.build();
    }

    /**
     * Spring AI's Ollama API over the JDK client {@code http} for calls (read timeout from the settings) and
     * {@code streams} for NDJSON streams, with Spring's {@link DefaultResponseErrorHandler}, which keeps the status and
     * headers of an error answer where Spring AI's own keeps only a message. A configured key is sent as a bearer
     * token, for a proxy in front of Ollama.
     */
    public static OllamaApi ollama(ProviderSettings settings, HttpClient http, ClientHttpConnector streams) {
        if (settings.kind() != ProviderKind.OLLAMA) {
            throw new IllegalArgumentException("the Ollama API client speaks ollama, not " + settings.kind());
        }
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
        requestFactory.setReadTimeout(settings.readTimeout());
        RestClient.Builder rest = RestClient.builder().requestFactory(requestFactory);
        WebClient.Builder web = WebClient.builder().clientConnector(streams);
        settings.apiKey().ifPresent(key -> {
            rest.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
            web.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        });
        return OllamaApi.builder()
                .baseUrl(ModelAdapter.withoutTrailingSlash(settings.baseUrl().toString()))
                .restClientBuilder(rest)
                .webClientBuilder(web)
                .responseErrorHandler(new DefaultResponseErrorHandler())
                .build();
    }

    /** A JDK HTTP client as the Ollama clients use it: HTTP/1.1, the connect timeout, no redirects. */
    public static HttpClient jdkClient(ProviderSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
