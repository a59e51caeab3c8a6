package dev.verity.llm.provider;

import dev.verity.generation.provider.LlmProvider;
import dev.verity.testkit.contracts.LlmProviderContract;
import java.time.Duration;

/**
 * The {@link LlmProviderContract} for one {@link SpringAiLlmProvider} kind: providers are built from
 * {@link ProviderSettings} of that kind, which subclasses may adjust ({@link #settings(String)}) and use in tests of
 * their own (keys, headers, deployments).
 */
abstract class SpringAiLlmProviderContract extends LlmProviderContract {

    abstract ProviderKind kind();

    @Override
    protected String providerName() {
        return kind().code();
    }

    ProviderSettings.Builder settings(String baseUrl) {
        return ProviderSettings.builder(kind())
                .baseUrl(baseUrl)
                .apiKey(fake.apiKey())
                .model(MODEL)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(READ_TIMEOUT);
    }

    @Override
    protected LlmProvider createProvider(String baseUrl, Duration readTimeout) {
        return SpringAiLlmProvider.create(
                settings(baseUrl).readTimeout(readTimeout).build());
    }
}
