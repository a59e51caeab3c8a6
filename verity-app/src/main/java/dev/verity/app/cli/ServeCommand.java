package dev.verity.app.cli;

import dev.verity.app.config.SecurityConfig;
import dev.verity.app.server.VerityServer;
import dev.verity.app.server.security.InsecureBindingException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the HTTP API.",
            "Callers authenticate with Authorization: Bearer <API key or OIDC token> as soon as a key exists or OIDC is"
                    + " configured (VERITY_OIDC_ISSUER, VERITY_OIDC_AUDIENCE). Without either it serves only on"
                    + " loopback, where any local process may act as anyone."
        })
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--host",
            paramLabel = "H",
            defaultValue = "127.0.0.1",
            description = "Address to bind. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<String> busy = portInUse(host, port);
        if (busy.isPresent()) {
            // said before the model and the index load, and in one line rather than Spring's failure report
            spec.commandLine().getErr().println("error: " + busy.get());
            return ExitCodes.FAILED;
        }
        try {
            ConfigurableApplicationContext server =
                    VerityServer.start(data.config(), SecurityConfig.from(System.getenv()), host, port);
            if (!VerityServer.authenticationRequired(server)) {
                spec.commandLine()
                        .getErr()
                        .println("warning: no API key and no OIDC provider: every request is trusted, and any process"
                                + " on this machine can act as anyone (create a key: verity keys create --name NAME"
                                + " --scopes query)");
            }
        } catch (InsecureBindingException insecure) {
            // a usage error: the address asked for needs authentication that is not set up; the message says how
            spec.commandLine().getErr().println("error: " + insecure.getMessage());
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    /** Why the server could not listen on {@code host:port}, if another program already does (port 0: any port). */
    static Optional<String> portInUse(String host, int port) {
        if (port == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return Optional.empty();
        } catch (BindException e) {
            return Optional.of("port " + port + " on " + host + " is already in use: stop the program listening on"
                    + " it, or pass --port N");
        } catch (IOException e) {
            return Optional.empty(); // not a busy port (e.g. an unknown host): let the server report it
        }
    }
}
