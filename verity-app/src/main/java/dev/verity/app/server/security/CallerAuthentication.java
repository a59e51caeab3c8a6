package dev.verity.app.server.security;

import dev.verity.identity.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated as a {@link Caller}, kept in Spring Security's context for the request only (nothing is
 * stored in a session). Its authorities are the scopes as {@code SCOPE_<code>}, which the health endpoint reads to
 * show details to admin callers only.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {
    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(caller.scopes().stream()
                .map(s -> new SimpleGrantedAuthority("SCOPE_" + s.code()))
                .toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actor();
    }
}
