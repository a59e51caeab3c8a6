package dev.verity.identity;

import java.util.Optional;

/**
 * Turns the bearer credential of a request into a {@link Caller}: an API key, or a JWT from the configured identity
 * provider. Returns empty when the credential is not one this authenticator understands (the next one may); throws
 * {@link AuthenticationException} when it is one of its own but invalid (unknown, revoked, expired, bad signature).
 * Implementations must be thread-safe and fast on the hot path (a slow password hash is verified once and cached).
 */
@FunctionalInterface
public interface CallerAuthenticator {

    Optional<Caller> authenticate(String bearerToken);

    /** A credential that was recognised and refused; the message says why in words a caller may read. */
    final class AuthenticationException extends RuntimeException {
        private final String reason;

        /**
         * @param reason a machine-readable reason for the audit log: {@code unknown_key}, {@code revoked},
         *     {@code expired}, {@code bad_signature}, {@code wrong_issuer}, {@code wrong_audience}, …
         * @param message what happened and what to do, for the caller
         */
        public AuthenticationException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
