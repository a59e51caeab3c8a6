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

    /**
     * Opens the data folder for writing and loads index, database, embedding model, language-model clients, prompts
     * and the ingestion workers before the server reports ready, so a bad configuration stops start-up instead of failing the first request.
     */
    @Bean(destroyMethod = "close")
    Verity verity(VerityConfig config) {
        Verity verity = Verity.forWriting(config);
        verity.index();
        verity.database();
        LOG.info("passages and questions are embedded by {}", verity.embeddings().id());
        verity.query();
        verity.conversations();
        verity.ingestion(); // starts the ingestion workers, which also take up jobs queued before
        if (config.llm().configured()) {
            LOG.info("answers come from {} (fallbacks in order, then extractive)", config.llm().chain().stream()
                    .map(p -> p.kind().code() + ":" + p.model()).toList());
        } else {
            LOG.info("no language model is configured (VERITY_LLM_PROVIDER): answers are extractive");
        }
        return verity;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerityServer.class);
}
