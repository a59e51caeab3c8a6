package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.ProviderException;
import dev.verity.testkit.contracts.LlmProviderContract;
import dev.verity.testkit.llm.RecordedRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

    @Test
    void warmingUpSendsOneFreeRequestAndNoChat() {
        fake.reset();
        SpringAiLlmProvider warmed = (SpringAiLlmProvider) provider;

        warmed.warmUp();

        assertThat(fake.requests()).hasSize(1);
        RecordedRequest sent = fake.requests().getFirst();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.url()).doesNotContain("chat", "messages", "generateContent");
        assertThat(warmed.chat(request(Optional.empty())).text()).isEqualTo("Hello from the fake.");
    }

    @Test
    void warmingUpAProviderThatIsDownFailsAsACallWould() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SpringAiLlmProvider down =
                SpringAiLlmProvider.create(settings(fake.baseUrl().replace(":" + fake.port(), ":" + closedPort))
                        .build())) {
            assertThatThrownBy(down::warmUp)
                    .isInstanceOfSatisfying(
                            ProviderException.class,
                            e -> assertThat(e.retriable()).isTrue());
        }
    }

    @Override
    protected LlmProvider createProvider(String baseUrl, Duration readTimeout) {
        return SpringAiLlmProvider.create(
                settings(baseUrl).readTimeout(readTimeout).build());
    }
}
