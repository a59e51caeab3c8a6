package dev.verity.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client on one kept-alive socket, written for measuring: the caller's thread writes the request
 * and reads the response, with no selector thread or executor between the socket and the clock. Fixed-length and
 * chunked bodies; {@code TCP_NODELAY} on.
 *
 * <p>Why not the JDK's {@code HttpClient}: it hands every response through its selector thread and an executor, time
 * that is the client's own and not the server's (the LLM benchmark measures how much, on a liveness check).
 */
final class RawHttpClient implements AutoCloseable {
    /** A response: status and body (empty when its lines went to a listener). */
    record Response(int status, String body) {}

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpClient(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    Response post(String path, String json, String accept) throws IOException {
        return post(path, json, accept, null);
    }

    /**
     * Posts {@code json}; with {@code onLine} non-null, hands it every line of the body as it arrives (for SSE), with
     * the {@link System#nanoTime()} at which the line was complete.
     */
    Response post(String path, String json, String accept, LineListener onLine) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head =
                "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                        + "Accept: " + accept + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return exchange(head, body, onLine);
    }

    Response get(String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n", new byte[0], null);
    }

    /** One line of a body, and when it was read. */
    interface LineListener {
        void line(String line, long nanos);
    }

    private Response exchange(String head, byte[] body, LineListener onLine) throws IOException {
        if (socket == null || socket.isClosed()) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        out.write(request);
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line; !(line = line()).isEmpty(); ) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        LineSplitter lines = onLine == null ? null : new LineSplitter(onLine);
        if (chunked) {
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                byte[] chunk = in.readNBytes(n);
                long now = System.nanoTime();
                if (lines != null) {
                    lines.accept(chunk, now);
                } else {
                    content.writeBytes(chunk);
                }
                line(); // CRLF after the chunk
            }
        } else if (length >= 0) {
            content.writeBytes(in.readNBytes((int) length));
        } else {
            content.writeBytes(in.readAllBytes());
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, content.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("the server closed the connection mid-response");
    }

    /** Splits chunk bytes into lines (UTF-8), stamping each with the time its last chunk arrived. */
    private static final class LineSplitter {
        private final LineListener listener;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(LineListener listener) {
            this.listener = listener;
        }

        void accept(byte[] chunk, long nanos) {
            for (byte b : chunk) {
                if (b == '\n') {
                    String line = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    listener.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, nanos);
                } else {
                    pending.write(b);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
