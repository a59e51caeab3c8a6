package dev.verity.app.server.security;

import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Principals named in a request ({@code "principals"} in a body, {@code ?principals=} in a query): allowed only to a
 * caller with scope {@code impersonate} — a trusted backend acting for its users — and audited; anyone else gets 403.
 * The local caller of a loopback server without authentication holds every scope, so it names principals as before.
 */
public final class Impersonation {
    private static final Logger LOG = LoggerFactory.getLogger(Impersonation.class);

    private Impersonation() {}

    /**
     * Who the request acts as: {@code caller} itself when {@code principals} is absent, else {@code caller} acting as
     * those principals (normalised).
     *
     * @param endpoint how the audit record names the request, e.g. {@code POST /v1/query}
     * @throws ForbiddenException when principals are named by a caller without {@code impersonate}
     */
    public static Caller resolve(Caller caller, @Nullable List<String> principals, String endpoint) {
        if (principals == null) {
            return caller;
        }
        if (!caller.has(Scope.IMPERSONATE)) {
            throw new ForbiddenException("only a caller with scope impersonate may name principals: remove"
                    + " \"principals\" from the request (yours come from your API key or token)");
        }
        if (principals.contains(null)) {
            throw new IllegalArgumentException("principals must be names, got null in " + principals);
        }
        Caller acting = caller.actingAs(Set.copyOf(principals));
        if (!"local".equals(caller.actor())) {
            audit(caller, acting, endpoint);
        }
        return acting;
    }

    /**
     * The one place an impersonated request is recorded. For now a log line at INFO; the audit log will record the
     * same event (actor, tenant, endpoint, principals acted as — never the question).
     */
    static void audit(Caller caller, Caller acting, String endpoint) {
        LOG.info(
                "impersonation: actor={} tenant={} endpoint={} principals={}",
                caller.actor(),
                caller.tenant(),
                endpoint,
                acting.principals());
    }
}
