package dev.verity.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void theTlsFactoryTurnsNagleOffOnTheSocketItLayersOver() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(plain.getTcpNoDelay()).isFalse();

            Socket tls = NoDelaySockets.tls().createSocket(plain, "localhost", server.getLocalPort(), true);

            assertThat(tls).isInstanceOf(SSLSocket.class);
            assertThat(plain.getTcpNoDelay()).isTrue();
            assertThat(tls.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void trustsWhatTheJdkTrusts() {
        assertThat(NoDelaySockets.systemTrust().getAcceptedIssuers()).isNotEmpty();
    }
}
