package dev.verity.app.server.security;

import dev.verity.app.config.SecurityConfig;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether requests must authenticate, and the ordered authenticators a bearer token is offered to: API keys first,
 * then JWTs of the configured OIDC provider. Authentication is required as soon as a key is active or OIDC is
 * configured, and always when the server listens beyond loopback — where starting without either is refused
 * ({@link InsecureBindingException}).
 */
public final class BearerAuthentication {
    private final List<CallerAuthenticator> chain;
    private final BooleanSupplier keysActive;
    private final boolean oidc;
    private final boolean loopback;

    BearerAuthentication(SecurityConfig config, KeyAuthentication keys, String host) {
        List<CallerAuthenticator> authenticators = new ArrayList<>();
        authenticators.add(keys.authenticator());
        config.oidc().map(JwtCallerAuthenticator::new).ifPresent(authenticators::add);
        this.chain = List.copyOf(authenticators);
        this.keysActive = keys.anyActive();
        this.oidc = config.oidc().isPresent();
        this.loopback = isLoopback(host);
        refuseUnauthenticatedExposure(config, keys, host);
    }

    /**
     * Refuses to listen on {@code host} beyond loopback when neither an active key nor OIDC can authenticate callers.
     *
     * @throws InsecureBindingException saying how to create a key
     */
    public static void refuseUnauthenticatedExposure(SecurityConfig config, KeyAuthentication keys, String host) {
        if (!isLoopback(host) && config.oidc().isEmpty() && !keys.anyActive().getAsBoolean()) {
            throw new InsecureBindingException(host);
        }
    }

    /** Whether every request must carry a bearer token; otherwise each acts as {@link Caller#local}. */
    public boolean required() {
        return !loopback || oidc || keysActive.getAsBoolean();
    }

    boolean loopback() {
        return loopback;
    }

    /** The caller of the first authenticator that recognises the token; empty when none does. */
    Optional<Caller> authenticate(String token) {
        for (CallerAuthenticator authenticator : chain) {
            Optional<Caller> caller = authenticator.authenticate(token);
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1}, {@code ::1}, {@code localhost}; {@code 0.0.0.0} and every other address are not. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
