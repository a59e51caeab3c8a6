package dev.verity.testkit.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A one-shot HTTP server that starts a streamed answer, then holds the connection open without a word until the
 * client hangs up, and says when that happened: the only way to see from outside that a cancelled stream really
 * closed its connection rather than being left to run.
 */
public final class HangingServer implements AutoCloseable {
    private final ServerSocket server;
    private final CompletableFuture<Long> hungUpAtNanos = new CompletableFuture<>();
    private final Thread thread;

    private final String trickle;

    public HangingServer(String contentType, String opening) throws IOException {
        this(contentType, opening, null);
    }

    /**
     * With {@code trickle}, the server keeps sending it (bytes the protocol ignores) every 100 ms instead of staying
     * silent, as a model that is still generating would.
     */
    public HangingServer(String contentType, String opening, String trickle) throws IOException {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.trickle = trickle;
        this.thread = Thread.ofPlatform().daemon().name("hanging-server").start(() -> serve(contentType, opening));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Completes with {@link System#nanoTime()} when the client closed the connection. */
    public CompletableFuture<Long> hungUp() {
        return hungUpAtNanos;
    }

    private void serve(String contentType, String opening) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            int contentLength = readHeaders(in);
            in.readNBytes(contentLength);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = opening.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(chunk.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(100);
            try {
                while (in.read() >= 0) {
                    // a client sends nothing more; wait for it to go
                }
            } catch (java.net.SocketTimeoutException quiet) {
                keepWaiting(socket, in, out);
            } catch (IOException reset) {
                // a reset is a hang-up too
            }
            hungUpAtNanos.complete(System.nanoTime());
        } catch (IOException e) {
            hungUpAtNanos.completeExceptionally(e);
        }
    }

    private void keepWaiting(Socket socket, InputStream in, OutputStream out) {
        try {
            while (true) {
                try {
                    if (in.read() < 0) {
                        return;
                    }
                } catch (java.net.SocketTimeoutException quiet) {
                    if (trickle != null) {
                        byte[] bytes = trickle.getBytes(StandardCharsets.UTF_8);
                        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(bytes);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            }
        } catch (IOException closed) {
            // hung up
        }
    }

    private static int readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended inside its headers");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).strip());
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
