package dev.verity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's blocking client against the mock: fixed-length and chunked bodies, one kept-alive socket. */
class RawHttpClientTest {
    private static final String REQUEST = "{\"model\":\"m\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"<source id=\\\"S1\\\" file=\\\"a.txt\\\">\\nThe floor is measured directly.\\n</source>\"}]}";

    @Test
    void readsAJsonReplyAndThenAStreamLineByLineOverTheSameConnection() throws Exception {
        try (MockOpenAi mock = MockOpenAi.start("raw").tokenGap(Duration.ZERO);
                RawHttpClient client = new RawHttpClient(URI.create(mock.baseUrl()))) {
            RawHttpClient.Response json =
                    client.post("/v1/chat/completions", REQUEST.formatted("false"), "application/json");

            assertThat(json.status()).isEqualTo(200);
            assertThat(JsonMapper.builder()
                            .build()
                            .readTree(json.body())
                            .path("choices")
                            .path(0)
                            .path("message")
                            .path("content")
                            .asString())
                    .contains("The floor is measured directly.");

            List<String> data = new ArrayList<>();
            List<Long> stamps = new ArrayList<>();
            RawHttpClient.Response stream = client.post(
                    "/v1/chat/completions", REQUEST.formatted("true"), "text/event-stream", (line, nanos) -> {
                        if (line.startsWith("data:")) {
                            data.add(line);
                            stamps.add(nanos);
                        }
                    });

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.body()).isEmpty(); // handed to the listener instead
            // the role chunk, the reply's opening, one per token, its closing, the finish reason, then [DONE]
            assertThat(data).hasSize(MockOpenAi.ANSWER_WORDS + 5).last().isEqualTo("data: [DONE]");
            assertThat(stamps).isSorted();
            assertThat(mock.await(2)).hasSize(2);
        }
    }
}
