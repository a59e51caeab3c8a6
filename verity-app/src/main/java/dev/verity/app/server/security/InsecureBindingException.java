package dev.verity.app.server.security;

/**
 * {@code verity serve} was asked to listen beyond this machine with no way to authenticate callers: no API key and no
 * OIDC provider. Then anyone who can reach the port could act as anyone, so the server refuses to start.
 */
public final class InsecureBindingException extends IllegalStateException {

    InsecureBindingException(String host) {
        super("refusing to serve on " + host + " without authentication: create an API key first (verity keys create"
                + " --name NAME --scopes query), configure OIDC (VERITY_OIDC_ISSUER, VERITY_OIDC_AUDIENCE), or keep"
                + " the default --host 127.0.0.1");
    }
}
