package dev.verity.identity;

import dev.verity.document.DocumentIds;
import dev.verity.internal.Checks;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: the identity a request or command acts as, established by authentication (an API key, a JWT) and
 * never by the request body. Every use-case that reads or changes tenant data takes one.
 *
 * @param tenant the tenant all of the caller's reads and writes are confined to
 * @param principals what the caller is, for document ACLs (normalised by {@link Principals})
 * @param scopes what the caller may do
 * @param actor who, for the audit log: {@code key:<id>}, {@code jwt:<issuer>#<subject>}, {@code local} (the CLI or a
 *     loopback server without authentication); never a secret
 */
public record Caller(String tenant, Set<String> principals, Set<Scope> scopes, String actor) {

    public Caller {
        Checks.nonBlank(tenant, "tenant");
        principals = Principals.normalise(principals);
        scopes = Set.copyOf(scopes);
        Checks.nonBlank(actor, "actor");
    }

    /**
     * The local operator: the CLI on its own data folder, or {@code verity serve} on loopback without authentication.
     * All scopes, the default tenant, and the principals given (a local process may claim any: there is no identity to
     * take them from).
     */
    public static Caller local(Set<String> principals) {
        return new Caller(DocumentIds.DEFAULT_TENANT, principals, Set.of(Scope.values()), "local");
    }

    public boolean has(Scope scope) {
        return scopes.contains(Objects.requireNonNull(scope, "scope"));
    }

    /** This caller acting for {@code others} (impersonation): same tenant, scopes and actor, other principals. */
    public Caller actingAs(Set<String> others) {
        return new Caller(tenant, others, scopes, actor);
    }
}
