package dev.verity.app.server.security;

/**
 * The caller is authenticated but may not do this: a scope is missing, or it named principals without
 * {@code impersonate}. Reported as 403 problem+json with the message, which says what is missing.
 */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
