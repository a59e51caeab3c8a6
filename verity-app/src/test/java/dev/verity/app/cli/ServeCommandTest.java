package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPortAlreadyInUseIsSaidInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            ExitCodesTest.Run serve =
                    ExitCodesTest.run("serve", "--data", dir.toString(), "--port", String.valueOf(port));

            assertThat(serve.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(serve.err())
                    .isEqualTo("error: port " + port + " on 127.0.0.1 is already in use: stop the"
                            + " program listening on it, or pass --port N\n");
        }
    }
}
