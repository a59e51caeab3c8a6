package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.Timeout;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiOkHttpClientTest {

    @Test
    void socketsToTheProviderHaveNaglesAlgorithmOff() throws Exception {
        OpenAiOkHttpClient client = new OpenAiOkHttpClient(
                Timeout.builder()
                        .connect(Duration.ofSeconds(1))
                        .read(Duration.ofSeconds(1))
                        .build(),
                List.of());
        try (Socket socket = client.okHttp().socketFactory().createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void noResendOnConnectionFailure() {
        OpenAiOkHttpClient client = new OpenAiOkHttpClient(Timeout.builder().build(), List.of());
        try {
            assertThat(client.okHttp().retryOnConnectionFailure()).isFalse();
        } finally {
            client.close();
        }
    }
}
