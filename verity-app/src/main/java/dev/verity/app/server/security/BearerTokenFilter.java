package dev.verity.app.server.security;

import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves {@code Authorization: Bearer <token>} into a {@link Caller} through {@link BearerAuthentication}, for this
 * request only. A token that is refused or recognised by no authenticator is a 401 at once; a request without one
 * goes on anonymous, and the authorization rules answer 401 where a caller is needed. When authentication is not
 * required (loopback, no key, no OIDC) every request is the {@link Caller#local local caller}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final BearerAuthentication authentication;
    private final Problems problems;

    BearerTokenFilter(BearerAuthentication authentication, Problems problems) {
        this.authentication = authentication;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!authentication.required()) {
            authenticated(Caller.local(Set.of()));
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            problems.unauthorized(
                    response,
                    "send the credential as Authorization: Bearer <API key or token> (no other scheme is accepted)",
                    true,
                    path);
            return;
        }
        Optional<Caller> caller;
        try {
            caller = authentication.authenticate(
                    header.substring(BEARER.length()).strip());
        } catch (AuthenticationException refused) {
            // the audit log will record authentication failures here (reason only: never the token)
            LOG.info("authentication failed: {} on {}", refused.reason(), path);
            problems.unauthorized(response, refused.getMessage(), true, path);
            return;
        }
        if (caller.isEmpty()) {
            LOG.info("authentication failed: unknown_credential on {}", path);
            problems.unauthorized(
                    response,
                    "the bearer token is neither a known API key nor a token of the configured identity provider",
                    true,
                    path);
            return;
        }
        authenticated(caller.get());
        chain.doFilter(request, response);
    }

    private static void authenticated(Caller caller) {
        SecurityContext context =
                SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
    }
}
