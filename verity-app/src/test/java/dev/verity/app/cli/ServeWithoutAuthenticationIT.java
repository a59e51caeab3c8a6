package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `verity serve` beyond loopback with neither an API key nor OIDC: refused in one line, before anyone can connect. */
class ServeWithoutAuthenticationIT {
    @TempDir
    Path dir;

    @Test
    void aNonLoopbackAddressWithoutAuthenticationRefusesToStart() {
        ExitCodesTest.Run serve =
                ExitCodesTest.run("serve", "--data", dir.toString(), "--host", "0.0.0.0", "--port", "0");

        assertThat(serve.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(serve.err())
                .isEqualTo("error: refusing to serve on 0.0.0.0 without authentication: create an API key first"
                        + " (verity keys create --name NAME --scopes query), configure OIDC (VERITY_OIDC_ISSUER,"
                        + " VERITY_OIDC_AUDIENCE), or keep the default --host 127.0.0.1\n");
    }
}
