package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.config.VerityConfig;
import dev.verity.app.server.VerityServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Requests a well-behaved client never sends, written byte by byte on a socket (java.net.http refuses malformed
 * URLs): each is answered with a 4xx problem+json, never Tomcat's HTML page or a 500.
 */
class RawHttpErrorsIT {
    @TempDir
    static Path root;

    private static ConfigurableApplicationContext server;
    private static int port;

    @BeforeAll
    static void start() {
        server = VerityServer.start(VerityConfig.from(root.resolve("data"), Map.of()), "127.0.0.1", 0);
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedUrlsAreProblemJson() throws Exception {
        for (String path : new String[] {
            "/v1/documents/%ZZ", "/v1/collections/a%2Fb/documents", "/v1/collections/a%00b/documents", "/v1/%"
        }) {
            String response = send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertProblem(response, 400);
        }
    }

    @Test
    void aMalformedMultipartBodyIsA400() throws Exception {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\ntruncated";
        String response = send("POST /v1/collections/docs/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertProblem(response, 400);
    }

    @Test
    void aLongOrControlCharacterFileNameIsStoredUnderASafeName() throws Exception {
        for (String name : new String[] {"n".repeat(300) + ".txt", "leave\u0007pol\u202Eicy.txt"}) {
            String response = upload(name);
            assertThat(status(response)).as(response).isEqualTo(200);
            assertThat(response).contains("\"status\":\"indexed\"").doesNotContain("\u0007", "\u202E");
        }
    }

    /** Tomcat's multipart parser refuses a NUL in a file name before Verity sees it: a 400 that says so. */
    @Test
    void aNulInAFileNameIsA400SayingWhatToDo() throws Exception {
        String response = upload("leave\u0000policy.txt");
        assertProblem(response, 400);
        assertThat(response).contains("NUL").contains("rename the file");
    }

    private static String upload(String name) throws Exception {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/plain\r\n\r\nEmployees receive 27 days of paid leave.\r\n--xyz--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send("POST /v1/collections/docs/documents?wait=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static void assertProblem(String response, int status) {
        assertThat(status(response)).as(response).isEqualTo(status);
        assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/problem+json");
        assertThat(response)
                .contains("\"status\":" + status)
                .doesNotContain("<html")
                .doesNotContain("\tat ");
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
