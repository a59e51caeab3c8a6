package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityConfigTest {
    @TempDir
    Path dir;

    @Test
    void nothingSetMeansNoProviderNoOriginsNoExtraHosts() {
        assertThat(SecurityConfig.from(Map.of())).isEqualTo(SecurityConfig.NONE);
    }

    @Test
    void readsOidcCorsAndHostsFromTheEnvironment() {
        SecurityConfig config = SecurityConfig.from(Map.of(
                "VERITY_OIDC_ISSUER", "https://id.example.com/realms/acme",
                "VERITY_OIDC_AUDIENCE", "verity",
                "VERITY_OIDC_JWKS_URI", "https://id.example.com/certs",
                "VERITY_OIDC_PRINCIPALS_CLAIM", "roles",
                "VERITY_CORS_ORIGINS", "https://a.example.com, https://b.example.com:8443",
                "VERITY_ALLOWED_HOSTS", "verity.internal:8080,verity"));

        assertThat(config.oidc())
                .hasValue(new SecurityConfig.Oidc(
                        "https://id.example.com/realms/acme",
                        "verity",
                        Optional.of(URI.create("https://id.example.com/certs")),
                        "tenant",
                        "roles",
                        "scope"));
        assertThat(config.corsOrigins()).containsExactly("https://a.example.com", "https://b.example.com:8443");
        assertThat(config.allowedHosts()).containsExactly("verity.internal:8080", "verity");
    }

    @Test
    void readsTheSecuritySectionOfTheConfigFileWhenTheEnvironmentIsSilent() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                security:
                  oidc: {issuer: "https://id.example.com", audience: verity, scopes_claim: scp}
                  cors_origins: [https://intranet.example.com]
                """);

        SecurityConfig config = SecurityConfig.from(Map.of("VERITY_CONFIG", yaml.toString()));

        assertThat(config.oidc().orElseThrow().scopesClaim()).isEqualTo("scp");
        assertThat(config.oidc().orElseThrow().jwksUri()).isEmpty();
        assertThat(config.corsOrigins()).containsExactly("https://intranet.example.com");
        assertThat(config.allowedHosts()).isEmpty();
    }

    @Test
    void anIssuerWithoutAnAudienceAndAnOriginWithAPathAreRefused() {
        assertThatThrownBy(() -> SecurityConfig.from(Map.of("VERITY_OIDC_ISSUER", "https://id.example.com")))
                .hasMessage("OIDC needs both VERITY_OIDC_ISSUER and VERITY_OIDC_AUDIENCE (the issuer's URL and this"
                        + " API's client id or audience), got no audience");
        assertThatThrownBy(() -> SecurityConfig.from(Map.of("VERITY_CORS_ORIGINS", "https://a.example.com/app")))
                .hasMessage("VERITY_CORS_ORIGINS: an origin is scheme://host[:port] without a path, e.g."
                        + " https://intranet.example.com, got \"https://a.example.com/app\"");
        assertThat(new SecurityConfig(Optional.empty(), List.of(), List.of())).isEqualTo(SecurityConfig.NONE);
    }
}
