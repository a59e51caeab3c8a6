package dev.verity.app.server.security;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Principals named in a request ({@code "principals"} in a body, {@code ?principals=} in a query): allowed only to a
 * caller with scope {@code impersonate} — a trusted backend acting for its users — and written to the audit log;
 * anyone else gets 403. The local caller of a loopback server without authentication holds every scope, so it names
 * principals as before (unaudited: there is no identity to record).
 */
public final class Impersonation {
    private final AuditLog audit;
    private final Clock clock;

    public Impersonation(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Who the request acts as: {@code caller} itself when {@code principals} is absent, else {@code caller} acting as
     * those principals (normalised).
     *
     * @param endpoint how the audit record names the request, e.g. {@code POST /v1/query}
     * @throws ForbiddenException when principals are named by a caller without {@code impersonate}
     */
    public Caller resolve(Caller caller, @Nullable List<String> principals, String endpoint) {
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
            // who and where, and how many principals: not which (a principal may be an e-mail address)
            audit.append(new AuditEvent(
                    clock.instant(),
                    AuditEvent.IMPERSONATION,
                    caller.actor(),
                    caller.tenant(),
                    "",
                    AuditEvent.OK,
                    Map.of(
                            "endpoint",
                            endpoint,
                            "principals",
                            String.valueOf(acting.principals().size()))));
        }
        return acting;
    }
}
