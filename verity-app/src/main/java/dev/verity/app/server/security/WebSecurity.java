package dev.verity.app.server.security;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.SecurityConfig;
import dev.verity.app.limits.RateLimiter;
import dev.verity.identity.Scope;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's one security filter chain: stateless bearer-token authentication, CORS closed unless origins are
 * configured, the Host allowlist, and the standard security headers.
 *
 * <p>There is no session, no cookie, no form or basic login: the only credential is the {@code Authorization} header,
 * which a browser never adds on its own. So a page on another origin cannot make a request that carries the user's
 * credential, and CSRF protection (which exists for ambient credentials such as cookies) is not needed.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity implements WebMvcConfigurer {

    static {
        // the caller is not a request parameter: keep it out of the OpenAPI document
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentCaller.class);
    }

    /** Paths anyone may read: the error page, the API description and the liveness and readiness probes. */
    private static final String[] PUBLIC = {
        "/error",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/actuator/health",
        "/actuator/health/liveness",
        "/actuator/health/readiness"
    };

    /** The Prometheus scrape endpoint: scope admin or metrics. */
    private static final String METRICS = "/actuator/prometheus";

    /**
     * The keys given to {@code VerityServer.start} (tests), else the data folder's own: {@code verity keys create}
     * on the same folder takes effect within seconds, without a restart.
     */
    @Bean
    BearerAuthentication bearerAuthentication(
            SecurityConfig config, ObjectProvider<KeyAuthentication> given, Verity verity, Environment env) {
        KeyAuthentication keys =
                given.getIfAvailable(() -> new KeyAuthentication(verity.keys(), verity.keys()::anyActive));
        return new BearerAuthentication(config, keys, env.getProperty("server.address", "127.0.0.1"));
    }

    /** One per server: the buckets must be shared by every request. */
    @Bean
    RateLimiter rateLimiter(SecurityConfig config) {
        return new RateLimiter(config.rateLimits());
    }

    @Bean
    SecurityFilterChain verityFilterChain(
            HttpSecurity http,
            BearerAuthentication authentication,
            SecurityConfig config,
            RateLimiter limiter,
            JsonMapper json) {
        Problems problems = new Problems(json);
        // the Host allowlist guards a loopback server against DNS rebinding; elsewhere it applies once names are set
        if (authentication.loopback() || !config.allowedHosts().isEmpty()) {
            http.addFilterAfter(new HostAllowlistFilter(config.allowedHosts(), problems), HeaderWriterFilter.class);
        }
        http.csrf(AbstractHttpConfigurer::disable) // no ambient credential: see the class comment
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(c -> c.configurationSource(cors(config.corsOrigins())))
                .headers(h -> h.frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(c -> c.policyDirectives("frame-ancestors 'none'")))
                .addFilterBefore(new BearerTokenFilter(authentication, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, problems), BearerTokenFilter.class)
                .authorizeHttpRequests(a -> a
                        // an async or error dispatch continues a request that was authorized already
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        // the meters name no caller and no text, but they are the operator's: a scraper's key needs
                        // scope metrics only (a loopback server without authentication: the local caller has it)
                        .requestMatchers(METRICS)
                        .hasAnyAuthority("SCOPE_" + Scope.ADMIN.code(), "SCOPE_" + Scope.METRICS.code())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(
                        e -> e.authenticationEntryPoint((request, response, failure) -> problems.unauthorized(
                                        response,
                                        "authentication required: send Authorization: Bearer <API key or token> (create a key"
                                                + " with: verity keys create --name NAME --scopes query)",
                                        false,
                                        request.getRequestURI()))
                                .accessDeniedHandler((request, response, denied) -> problems.write(
                                        response,
                                        403,
                                        "forbidden",
                                        "Forbidden",
                                        "the caller may not do this",
                                        request.getRequestURI())));
        return http.build();
    }

    /**
     * Every path answers CORS with the configured origins only (none by default): a cross-origin request or preflight
     * from any other origin is refused with 403. Credentials are never allowed: tokens travel in a header, not cookies.
     */
    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("Location", "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentCallerResolver());
    }
}
