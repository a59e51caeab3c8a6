package dev.verity.testkit.llm;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serves a body in two parts with a pause between them. WireMock's chunked dribble spaces every chunk evenly, the
 * first included, so it cannot model a stream that starts well and then stops; this can. The first part is followed by
 * padding the protocol ignores, large enough that Jetty flushes it instead of holding it in its buffer.
 */
final class StallTransformer implements ResponseTransformerV2 {
    static final String NAME = "verity-stall";
    static final String SPLIT_AT = "splitAtByte";
    static final String PAUSE_MILLIS = "pauseMillis";
    static final String PADDING = "padding";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Parameters p = serveEvent.getTransformerParameters();
        byte[] body = response.getBody();
        int split = Math.min(p.getInt(SPLIT_AT), body.length);
        long pause = p.getInt(PAUSE_MILLIS);
        byte[] first = Arrays.copyOfRange(body, 0, split);
        byte[] padding = p.getString(PADDING).getBytes(StandardCharsets.UTF_8);
        byte[] rest = Arrays.copyOfRange(body, split, body.length);
        // WireMock reads a body twice: a bounded prefix for its journal, then all of it for the client. The pause
        // sits behind the first part and the padding, beyond the journal's limit, so only the client waits.
        return Response.Builder.like(response)
                .but()
                .body(() -> new SequenceInputStream(
                        new SequenceInputStream(new ByteArrayInputStream(first), new ByteArrayInputStream(padding)),
                        new PausingStream(rest, pause)))
                .build();
    }

    /** The rest of the body, released after the pause. */
    private static final class PausingStream extends InputStream {
        private final ByteArrayInputStream rest;
        private final long pauseMillis;
        private boolean paused;

        PausingStream(byte[] rest, long pauseMillis) {
            this.rest = new ByteArrayInputStream(rest);
            this.pauseMillis = pauseMillis;
        }

        private void pauseOnce() throws IOException {
            if (!paused) {
                paused = true;
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stall interrupted");
                }
            }
        }

        @Override
        public int read() throws IOException {
            pauseOnce();
            return rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            pauseOnce();
            return rest.read(b, off, len);
        }
    }
}
