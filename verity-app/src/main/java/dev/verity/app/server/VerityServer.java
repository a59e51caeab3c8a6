package dev.verity.app.server;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.limits.RateLimiter;
import dev.verity.app.observability.metrics.AnswerExemplars;
import dev.verity.app.server.security.BearerAuthentication;
import dev.verity.app.server.security.Impersonation;
import dev.verity.app.server.security.InsecureBindingException;
import dev.verity.app.server.security.KeyAuthentication;
import dev.verity.audit.AuditLog;
import dev.verity.conversation.ConversationService;
import dev.verity.idempotency.IdempotentRequests;
import dev.verity.ingestion.consistency.CatalogService;
import dev.verity.ingestion.jobs.IngestionJobs;
import dev.verity.observability.alerts.AlertLog;
import dev.verity.query.QueryService;
import dev.verity.runs.RunService;
import dev.verity.usage.budget.SpendControl;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP service: the same {@link Verity} runtime as the command line, behind a Spring MVC API on virtual threads.
 * Only {@code verity serve} starts it; other commands never load Spring.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class VerityServer {

    /**
     * Starts the server without an identity provider, CORS origins or API keys, and returns once it is ready: on
     * loopback, every request acts as the local caller.
     */
    public static ConfigurableApplicationContext start(VerityConfig config, String host, int port) {
        return start(config, SecurityConfig.NONE, KeyAuthentication.none(), host, port);
    }

    /**
     * Starts the server with the data folder's own API keys ({@code verity keys}) and returns once it is ready.
     *
     * @throws InsecureBindingException when {@code host} is not a loopback address and neither a key nor OIDC can
     *     authenticate callers
     */
    public static ConfigurableApplicationContext start(
            VerityConfig config, SecurityConfig security, String host, int port) {
        if (!BearerAuthentication.isLoopback(host) && security.oidc().isEmpty()) {
            // refused before the model and the index load, in one line (the bean that applies the rule stays as
            // the backstop); the keys are read from the database, which is closed again before the server opens it
            try (Verity keys = Verity.forQueries(config)) {
                BearerAuthentication.refuseUnauthenticatedExposure(
                        security, new KeyAuthentication(keys.keys(), keys.keys()::anyActive), host);
            }
        }
        return launch(config, security, null, host, port);
    }

    /**
     * Starts the server with these API keys instead of the data folder's, and returns once it is ready.
     *
     * @param security the OIDC provider, CORS origins and extra host names
     * @param keys the API keys, asked first for every bearer token
     * @throws InsecureBindingException when {@code host} is not a loopback address and neither a key nor OIDC can
     *     authenticate callers
     */
    public static ConfigurableApplicationContext start(
            VerityConfig config, SecurityConfig security, KeyAuthentication keys, String host, int port) {
        // refused before Spring starts, in one line (the bean that applies the rule stays as the backstop)
        BearerAuthentication.refuseUnauthenticatedExposure(security, keys, host);
        return launch(config, security, keys, host, port);
    }

    private static ConfigurableApplicationContext launch(
            VerityConfig config, SecurityConfig security, @Nullable KeyAuthentication keys, String host, int port) {
        if ("verity-cli-logback.xml".equals(System.getProperty("logback.configurationFile"))) {
            // the quiet set-up of the checks before start-up (Main); from here Spring Boot logs by logback-spring.xml
            System.clearProperty("logback.configurationFile");
        }
        SpringApplication app = new SpringApplication(VerityServer.class);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.address", host);
        defaults.put("server.port", port);
        // the disk that can fill up is the data folder's, wherever the server was started from
        defaults.put(
                "management.health.diskspace.path",
                config.dataDir().toAbsolutePath().toString());
        // strict JSON: a misspelt field or a number where text belongs is the caller's mistake, reported as a 400
        defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
        defaults.put("spring.jackson.mapper.allow-coercion-of-scalars", "false");
        // callers are API keys and JWTs, never users with passwords: no generated password, no user store
        defaults.put(
                "spring.autoconfigure.exclude",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");
        app.setDefaultProperties(defaults);
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("verityConfig", config);
            context.getBeanFactory().registerSingleton("securityConfig", security);
            if (keys != null) {
                context.getBeanFactory().registerSingleton("keyAuthentication", keys);
            }
        });
        try {
            return app.run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InsecureBindingException insecure) {
                    throw insecure;
                }
            }
            throw e;
        }
    }

    /** Whether the running server requires a bearer token (else a loopback server acts as the local caller). */
    public static boolean authenticationRequired(ConfigurableApplicationContext server) {
        return server.getBean(BearerAuthentication.class).required();
    }

    /**
     * Opens the data folder for writing and loads index, database, embedding model, language-model clients, prompts
     * and the ingestion workers before the server reports ready, so a bad configuration stops start-up instead of failing the first request.
     */
    @Bean(destroyMethod = "close")
    Verity verity(VerityConfig config, ObjectProvider<MeterRegistry> meters) {
        Verity verity = Verity.forWriting(config);
        meters.ifAvailable(verity::publishMetricsTo); // the Prometheus registry of /actuator/prometheus
        verity.prepareToServe();
        return verity;
    }

    // the use-case services the controllers receive: each controller takes only those it needs

    /** Strict JSON: no number, boolean or float where text belongs ({@code {"question": 42}} is a 400). */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.withCoercionConfig(
                LogicalType.Textual,
                text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Errors Tomcat answers before Spring MVC (bad URL encoding, 408, 413…) as problem+json, not an HTML page. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory>
            problemJsonErrors() {
        return ProblemJsonErrorValve.installer();
    }

    /** Incoming {@code traceparent}s continued, and a server span per request when tracing is on; before security. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<TraceContextFilter> traceContext(Verity verity) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new TraceContextFilter(verity.tracing()));
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Each answer's trace id as the exemplar of its latency on {@code /actuator/prometheus} (OpenMetrics). */
    @Bean
    io.prometheus.metrics.tracer.common.SpanContext answerExemplars() {
        return new AnswerExemplars();
    }

    @Bean
    AuditLog auditLog(Verity verity) {
        return verity.audit();
    }

    @Bean
    AlertLog alertLog(Verity verity) {
        return verity.alerts();
    }

    @Bean
    AnswerAccounting answerAccounting(RateLimiter limiter, AuditLog audit) {
        return new AnswerAccounting(limiter, audit, Clock.systemUTC());
    }

    @Bean
    Impersonation impersonation(AuditLog audit) {
        return new Impersonation(audit, Clock.systemUTC());
    }

    @Bean
    QueryService queryService(Verity verity) {
        return verity.query();
    }

    @Bean
    RunService runService(Verity verity) {
        return verity.runs();
    }

    @Bean
    ConversationService conversationService(Verity verity) {
        return verity.conversations();
    }

    @Bean
    SpendControl spendControl(Verity verity) {
        return verity.budgets();
    }

    @Bean
    IngestionJobs ingestionJobs(Verity verity) {
        return verity.ingestion();
    }

    @Bean
    CatalogService catalogService(Verity verity) {
        return verity.catalog();
    }

    @Bean
    IdempotentRequests idempotentRequests(Verity verity) {
        return verity.idempotency();
    }
}
