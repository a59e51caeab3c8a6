package dev.verity.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI chat-completions server on a raw socket, written for measuring: it does nothing it is not asked to, and it
 * records per request the {@link System#nanoTime()} at which the request's first byte arrived, at which the response
 * was completely written, and at which each streamed answer token was written. Clients in the same JVM read the same
 * clock, so "everything but provider time" and "token written to token received" are differences of two readings.
 *
 * <p>Replies are valid answers under the answer prompt's JSON schema: the answer cites {@code S1} with a quote copied
 * from that source in the request, so they pass Verity's citation checks. Streams ({@code "stream": true}) send the
 * reply as {@code data:} chunks ending {@code data: [DONE]}, one chunk per answer word, {@link #tokenGap} apart.
 *
 * <p>Modes: {@link Mode#HEALTHY}; {@link Mode#HANG} (reads the request, never answers, holds the connection until the
 * client leaves); {@link Mode#FAULTS} (each request fails with probability {@code faultRate}, the fault drawn evenly
 * from {@link Fault}). A provider that is not listening at all is {@link #deadPort()}.
 *
 * <p>Why not the testkit's WireMock fake: its replies are fixed in advance (this one must quote whichever chunk
 * retrieval put first) and it cannot report when each streamed chunk left the socket.
 */
final class MockOpenAi implements AutoCloseable {
    enum Mode {
        HEALTHY,
        HANG,
        FAULTS
    }

    /** The failures injected in {@link Mode#FAULTS}. */
    enum Fault {
        HTTP_500,
        HTTP_503,
        HTTP_429_RETRY_AFTER,
        CONNECTION_RESET,
        MALFORMED_JSON,
        SLOW_FIRST_TOKEN;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One chat request as the mock saw it.
     *
     * @param receivedNanos when the request's first byte was read
     * @param readNanos when the request's last byte was read
     * @param completedNanos when the last byte of the response was written (or the connection ended, for faults)
     * @param tokenNanos when each streamed answer token was written, in order; empty for JSON replies
     * @param tokenEnds the answer text's length after each streamed token, in characters, same order
     * @param fault the injected fault, or null
     */
    record Exchange(
            String model,
            boolean stream,
            long receivedNanos,
            long readNanos,
            long completedNanos,
            List<Long> tokenNanos,
            List<Integer> tokenEnds,
            Fault fault) {
        /** From the request's last byte to the response's last: the provider's own time. */
        double processingMillis() {
            return (completedNanos - readNanos) / 1e6;
        }

        /** From the request's first byte to its last. */
        double uploadMillis() {
            return (readNanos - receivedNanos) / 1e6;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FIRST_SOURCE =
            Pattern.compile("<source id=\"S1\"(?: [a-z]+=\"[^\"]*\")*>\\n(.*?)\\n</source>", Pattern.DOTALL);
    private static final long CREATED = 1_735_689_600L;
    /** Words in a streamed answer, so each answer yields this many token events. */
    static final int ANSWER_WORDS = 24;

    private final String name;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final Random random = new Random(42);

    private volatile Mode mode = Mode.HEALTHY;
    private volatile double faultRate;
    private volatile Duration tokenGap = Duration.ofMillis(5);
    private volatile Duration slowFirstToken = Duration.ofSeconds(3);
    private volatile boolean closed;

    private MockOpenAi(String name) throws IOException {
        this.name = name;
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicInteger());
        }
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform()
                .daemon()
                .name("mock-openai-" + name + "-accept")
                .start(this::acceptLoop);
    }

    static MockOpenAi start(String name) throws IOException {
        return new MockOpenAi(name);
    }

    /** A loopback port with nothing listening: connecting is refused at once. */
    static int deadPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    MockOpenAi healthy() {
        mode = Mode.HEALTHY;
        return this;
    }

    MockOpenAi hang() {
        mode = Mode.HANG;
        return this;
    }

    MockOpenAi faults(double rate, Duration slowFirstTokenDelay) {
        faultRate = rate;
        slowFirstToken = slowFirstTokenDelay;
        mode = Mode.FAULTS;
        return this;
    }

    MockOpenAi tokenGap(Duration gap) {
        tokenGap = gap;
        return this;
    }

    /** Chat requests received since the last {@link #reset()}. */
    int calls() {
        return calls.get();
    }

    /** The faults injected since the last {@link #reset()}, by kind. */
    Map<String, Integer> injected() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        injected.forEach((f, n) -> counts.put(f.code(), n.get()));
        return counts;
    }

    /** Takes the exchanges recorded so far, oldest first. */
    List<Exchange> drain() {
        List<Exchange> taken = new ArrayList<>();
        for (Exchange e; (e = exchanges.poll()) != null; ) {
            taken.add(e);
        }
        return taken;
    }

    /**
     * Takes the exchanges recorded so far, waiting up to a second for at least {@code count}: a client can finish
     * reading a response before the mock's thread has recorded it.
     */
    List<Exchange> await(int count) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (exchanges.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return drain();
    }

    void reset() {
        drain();
        calls.set(0);
        injected.values().forEach(n -> n.set(0));
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofPlatform().daemon().name("mock-openai-" + name).start(() -> {
                    try {
                        serve(socket);
                    } catch (IOException | RuntimeException gone) {
                        // the client closed the connection or reset it
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("mock " + name + ": accept failed: " + e);
                }
            }
        }
    }

    /** One connection: requests in turn (keep-alive) until the client closes it or a fault ends it. */
    private void serve(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            long received = System.nanoTime();
            Request request = Request.read(first, in);
            long read = System.nanoTime();
            if (!request.path().endsWith("/chat/completions")) {
                respond(out, 404, "", error("not_found", "no route " + request.path()));
                continue;
            }
            calls.incrementAndGet();
            JsonNode body = JSON.readTree(request.body());
            boolean stream = body.path("stream").asBoolean(false);
            boolean usage = body.path("stream_options").path("include_usage").asBoolean(false);
            String model = body.path("model").asString("");
            Mode now = mode;
            if (now == Mode.HANG) {
                while (in.read() >= 0) {
                    // hold the connection until the client gives up
                }
                exchanges.add(
                        new Exchange(model, stream, received, read, System.nanoTime(), List.of(), List.of(), null));
                return;
            }
            Fault fault = now == Mode.FAULTS ? draw() : null;
            if (fault != null) {
                injected.get(fault).incrementAndGet();
                boolean keepAlive = injectFault(fault, socket, out, stream);
                if (fault != Fault.SLOW_FIRST_TOKEN) {
                    exchanges.add(new Exchange(
                            model, stream, received, read, System.nanoTime(), List.of(), List.of(), fault));
                    if (!keepAlive) {
                        return;
                    }
                    continue;
                }
            }
            Reply reply = Reply.forRequest(body);
            if (stream) {
                List<Long> tokenNanos = new ArrayList<>(reply.tokens().size());
                List<Integer> tokenEnds = new ArrayList<>(reply.tokens().size());
                long completed = writeStream(out, model, reply, usage, tokenNanos, tokenEnds);
                exchanges.add(new Exchange(model, true, received, read, completed, tokenNanos, tokenEnds, fault));
            } else {
                String json = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":" + CREATED
                        + ",\"model\":" + quote(model)
                        + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(reply.content()) + ",\"refusal\":null},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}],\"usage\":" + usage(reply) + "}";
                long completed = respond(out, 200, "", json);
                exchanges.add(new Exchange(model, false, received, read, completed, List.of(), List.of(), fault));
            }
        }
    }

    private synchronized Fault draw() {
        if (random.nextDouble() >= faultRate) {
            return null;
        }
        Fault[] all = Fault.values();
        return all[random.nextInt(all.length)];
    }

    /** Writes the fault; returns whether the connection stays usable. Slow first token only waits. */
    private boolean injectFault(Fault fault, Socket socket, OutputStream out, boolean stream) throws IOException {
        switch (fault) {
            case HTTP_500 -> respond(out, 500, "", error("server_error", "The server had an error"));
            case HTTP_503 -> respond(out, 503, "", error("server_error", "The engine is currently overloaded"));
            case HTTP_429_RETRY_AFTER ->
                respond(out, 429, "Retry-After: 1\r\n", error("requests", "Rate limit reached; try again in 1s"));
            case CONNECTION_RESET -> {
                socket.setSoLinger(true, 0); // close with RST, not FIN
                socket.close();
                return false;
            }
            case MALFORMED_JSON -> {
                if (stream) {
                    writeHead(out, 200, "text/event-stream", "Transfer-Encoding: chunked\r\n");
                    writeChunk(out, "data: {\"id\":\"chatcmpl-bench\",\"choices\":[{\"delta\":\n\n");
                    writeChunk(out, "");
                    out.flush();
                } else {
                    respond(
                            out,
                            200,
                            "",
                            "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"choices\":[{\"mess");
                }
            }
            case SLOW_FIRST_TOKEN -> {
                try {
                    Thread.sleep(slowFirstToken);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return true;
    }

    /** Writes a streamed reply; returns when its last bytes were handed to the socket. */
    private long writeStream(
            OutputStream out, String model, Reply reply, boolean usage, List<Long> tokenNanos, List<Integer> tokenEnds)
            throws IOException {
        writeHead(out, 200, "text/event-stream", "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n");
        writeChunk(out, chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", "null"));
        writeChunk(out, chunk(model, "{\"content\":" + quote(reply.opening()) + "}", "null"));
        out.flush();
        int end = 0;
        for (String token : reply.tokens()) {
            pause(tokenGap);
            writeChunk(out, chunk(model, "{\"content\":" + quote(jsonFragment(token)) + "}", "null"));
            tokenNanos.add(System.nanoTime()); // before the write: a late stamp would flatter the client
            out.flush();
            end += token.length();
            tokenEnds.add(end);
        }
        writeChunk(out, chunk(model, "{\"content\":" + quote(reply.closing()) + "}", "null"));
        writeChunk(out, chunk(model, "{}", "\"stop\""));
        if (usage) {
            writeChunk(
                    out,
                    "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                            + ",\"model\":" + quote(model) + ",\"choices\":[],\"usage\":" + usage(reply) + "}\n\n");
        }
        writeChunk(out, "data: [DONE]\n\n");
        writeChunk(out, "");
        long completed = System.nanoTime(); // before the write, for the same reason
        out.flush();
        return completed;
    }

    private static void pause(Duration gap) {
        if (gap.isZero()) {
            return;
        }
        try {
            Thread.sleep(gap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String model, String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}\n\n";
    }

    private static String usage(Reply reply) {
        int input = reply.promptChars() / 4;
        int output = reply.content().length() / 4;
        return "{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output + ",\"total_tokens\":"
                + (input + output) + "}";
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type)
                + ",\"param\":null,\"code\":null}}";
    }

    /** Writes a whole response; returns when it was handed to the socket. */
    private static long respond(OutputStream out, int status, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writeHead(out, status, "application/json", "Content-Length: " + bytes.length + "\r\n" + extraHeaders);
        out.write(bytes);
        long completed = System.nanoTime();
        out.flush();
        return completed;
    }

    private static void writeHead(OutputStream out, int status, String contentType, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: " + contentType + "\r\n" + headers
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    static String quote(String s) {
        return JSON.writeValueAsString(s);
    }

    /** A piece of text as it stands inside a JSON string: quoted, without the quotes. */
    private static String jsonFragment(String s) {
        String quoted = quote(s);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * The model's reply: {@code {"answer": "...", "citations": [{"source": "S1", "quote": "..."}], "abstain": false,
     * "abstain_reason": ""}}, split for streaming into an opening (up to the answer's first character), the answer's
     * words, and a closing.
     */
    record Reply(String opening, List<String> tokens, String closing, int promptChars) {
        String content() {
            StringBuilder s = new StringBuilder(opening);
            tokens.forEach(t -> s.append(jsonFragment(t)));
            return s.append(closing).toString();
        }

        static Reply forRequest(JsonNode body) {
            String sources = "";
            int promptChars = 0;
            for (JsonNode message : body.path("messages")) {
                String text = text(message.path("content"));
                promptChars += text.length();
                if (sources.isEmpty() && text.contains("<source id=\"S1\"")) {
                    sources = text;
                }
            }
            Matcher m = FIRST_SOURCE.matcher(sources);
            String source = m.find() ? m.group(1) : "";
            String quote = firstSentence(source);
            List<String> tokens = new ArrayList<>();
            String[] words = (quote.isEmpty() ? "The sources do not say." : quote).split("\\s+");
            tokens.add("According to the sources:");
            for (int i = 0; tokens.size() < ANSWER_WORDS; i++) {
                tokens.add(" " + words[i % words.length]);
            }
            String closing = "\", \"citations\": ["
                    + (quote.isEmpty() ? "" : "{\"source\": \"S1\", \"quote\": " + MockOpenAi.quote(quote) + "}")
                    + "], \"abstain\": false, \"abstain_reason\": \"\"}";
            return new Reply("{\"answer\": \"", tokens, closing, promptChars);
        }

        private static String text(JsonNode content) {
            if (content.isString()) {
                return content.asString();
            }
            StringBuilder s = new StringBuilder();
            for (JsonNode part : content) {
                s.append(part.path("text").asString(""));
            }
            return s.toString();
        }

        /** The source's first sentence (at most 200 characters), an exact substring of it. */
        private static String firstSentence(String source) {
            String text = source.strip();
            Matcher end = Pattern.compile("[.!?](\\s|$)").matcher(text);
            int stop = end.find() ? end.start() + 1 : text.length();
            return text.substring(0, Math.min(stop, 200)).strip();
        }
    }

    /** The parts of an HTTP/1.1 request the mock needs. */
    private record Request(String path, String body) {
        static Request read(int first, InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
            head.write(first);
            int matched = 0;
            byte[] terminator = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside the request head");
                }
                head.write(b);
                matched = b == terminator[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            String path = lines[0].split(" ")[1];
            long length = 0;
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
            return new Request(path, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    break;
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }
}
