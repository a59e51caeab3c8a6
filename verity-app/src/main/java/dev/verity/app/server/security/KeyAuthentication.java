package dev.verity.app.server.security;

import dev.verity.identity.CallerAuthenticator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The API keys of the data folder, as the server sees them: the authenticator asked first for every bearer token, and
 * whether any key is active — as soon as one is, every request must authenticate.
 *
 * @param authenticator resolves {@code Authorization: Bearer <key>}; empty for a token that is not a key
 * @param anyActive whether at least one key can authenticate (asked on every request: a key created while the server
 *     runs takes effect at once, so it must be cheap)
 */
public record KeyAuthentication(CallerAuthenticator authenticator, BooleanSupplier anyActive) {

    public KeyAuthentication {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(anyActive, "anyActive");
    }

    /** No keys: no token is a key, and none is active. */
    public static KeyAuthentication none() {
        return new KeyAuthentication(token -> Optional.empty(), () -> false);
    }
}
