package dev.verity.app.server;

import dev.verity.app.Verity;
import dev.verity.app.VerityConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The HTTP service: the same {@link Verity} runtime as the command line, behind a Spring MVC API on virtual threads.
 * Only {@code verity serve} starts it; other commands never load Spring.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class VerityServer {

    /** Starts the server and returns once it is ready. */
    public static ConfigurableApplicationContext start(VerityConfig config, String host, int port) {
        SpringApplication app = new SpringApplication(VerityServer.class);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.address", host);
        defaults.put("server.port", port);
        app.setDefaultProperties(defaults);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("verityConfig", config));
        return app.run();
    }

    /** Opens the data folder for writing and loads index, database and model before the server reports ready. */
    @Bean(destroyMethod = "close")
    Verity verity(VerityConfig config) {
        Verity verity = Verity.forWriting(config);
        verity.index();
        verity.database();
        verity.embeddings();
        return verity;
    }
}
