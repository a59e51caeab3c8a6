package dev.verity.llm.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider's chat protocol answered in process, on a loopback port, for {@link SpringAiLlmProvider#warmUp}: a
 * client built like the real one (same SDK, same adapter, same settings but this address) makes one call and one
 * stream against it, so the classes and JSON mappers of a chat are loaded before the first question, and nothing is
 * billed. Speaks OpenAI's (and Azure's) chat completions, Anthropic's messages, Gemini's {@code generateContent} and
 * Ollama's {@code /api/chat}, each whole and streamed.
 */
final class ProtocolStandIn implements AutoCloseable {
    private static final Pattern STREAMING = Pattern.compile("\"stream\"\\s*:\\s*true");
    /** What the stand-in replies: the smallest JSON object, as an answer prompt expects JSON. */
    private static final String REPLY = "{}";

    private final HttpServer server;

    private ProtocolStandIn(HttpServer server) {
        this.server = server;
    }

    /** A stand-in for {@code kind}, listening; empty for a kind without one (none so far). */
    static Optional<ProtocolStandIn> start(ProviderKind kind) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean stream = STREAMING.matcher(body).find()
                        || exchange.getRequestURI().getPath().endsWith(":streamGenerateContent");
                if (kind == ProviderKind.OLLAMA) {
                    ollama(exchange, stream);
                } else if (kind == ProviderKind.GEMINI) {
                    gemini(exchange, stream);
                } else if (kind == ProviderKind.ANTHROPIC) {
                    anthropic(exchange, stream);
                } else {
                    openAi(exchange, stream);
                }
            }
        });
        server.start();
        return Optional.of(new ProtocolStandIn(server));
    }

    /** {@code settings} pointed at this stand-in: same path, so Azure's path mode is chosen the same way. */
    ProviderSettings settingsFor(ProviderSettings settings) {
        try {
            URI local = new URI(
                    "http",
                    null,
                    InetAddress.getLoopbackAddress().getHostAddress(),
                    server.getAddress().getPort(),
                    settings.baseUrl().getPath(),
                    null,
                    null);
            return new ProviderSettings(
                    settings.kind(),
                    local,
                    settings.apiKey(),
                    settings.model(),
                    settings.azureDeployment(),
                    settings.azureApiVersion(),
                    settings.connectTimeout(),
                    settings.readTimeout());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot address the loopback stand-in", e);
        }
    }

    private static void openAi(HttpExchange exchange, boolean stream) throws IOException {
        String chunk = "{\"id\":\"warm-up\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"warm-up\","
                + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";
        if (stream) {
            send(
                    exchange,
                    "text/event-stream",
                    "data: " + chunk.formatted("{\"role\":\"assistant\",\"content\":\"" + REPLY + "\"}", "null")
                            + "\n\n" + "data: " + chunk.formatted("{}", "\"stop\"") + "\n\n"
                            + "data: {\"id\":\"warm-up\",\"object\":\"chat.completion.chunk\",\"created\":0,"
                            + "\"model\":\"warm-up\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,"
                            + "\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
                            + "data: [DONE]\n\n");
        } else {
            send(
                    exchange,
                    "application/json",
                    "{\"id\":\"warm-up\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"warm-up\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + REPLY
                            + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,"
                            + "\"completion_tokens\":1,\"total_tokens\":2}}");
        }
    }

    private static void ollama(HttpExchange exchange, boolean stream) throws IOException {
        String done = "{\"model\":\"warm-up\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"%s\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,"
                + "\"eval_count\":1}";
        if (stream) {
            send(
                    exchange,
                    "application/x-ndjson",
                    "{\"model\":\"warm-up\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":"
                            + "\"assistant\",\"content\":\"" + REPLY + "\"},\"done\":false}\n"
                            + done.formatted("") + "\n");
        } else {
            send(exchange, "application/json", done.formatted(REPLY));
        }
    }

    private static void anthropic(HttpExchange exchange, boolean stream) throws IOException {
        if (!stream) {
            send(
                    exchange,
                    "application/json",
                    "{\"id\":\"msg_warm_up\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"warm-up\","
                            + "\"content\":[{\"type\":\"text\",\"text\":\"" + REPLY
                            + "\"}],\"stop_reason\":\"end_turn\","
                            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}");
            return;
        }
        send(
                exchange,
                "text/event-stream",
                event(
                                "message_start",
                                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_warm_up\",\"type\":\"message\","
                                        + "\"role\":\"assistant\",\"model\":\"warm-up\",\"content\":[],\"stop_reason\":null,"
                                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}")
                        + event(
                                "content_block_start",
                                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                                        + "\"text\":\"\"}}")
                        + event(
                                "content_block_delta",
                                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                                        + "\"text\":\"" + REPLY + "\"}}")
                        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                        + event(
                                "message_delta",
                                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":1}}")
                        + event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    private static void gemini(HttpExchange exchange, boolean stream) throws IOException {
        String last = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + REPLY
                + "\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":1,"
                + "\"candidatesTokenCount\":1,\"totalTokenCount\":2},\"modelVersion\":\"warm-up\","
                + "\"responseId\":\"warm-up\"}";
        if (stream) {
            send(exchange, "text/event-stream", "data: " + last + "\r\n\r\n");
        } else {
            send(exchange, "application/json", last);
        }
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
