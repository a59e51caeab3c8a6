package dev.verity.app.server;

import dev.verity.identity.Caller;
import dev.verity.identity.Principals;
import java.util.Collection;
import java.util.Set;

/**
 * The {@link Caller} a request acts as. Until authentication establishes it, a request acts as the local caller
 * ({@link Caller#local}) with the principals it names, normalised by {@link Principals} (the one rule for comparing
 * principals).
 */
final class Callers {
    private Callers() {}

    /** The local caller with these principals ({@code null}: none); an invalid principal is a 400. */
    static Caller local(Collection<String> principals) {
        return Caller.local(principals(principals));
    }

    /** Principals named by a request, normalised; {@code null} gives none, a {@code null} element is refused. */
    static Set<String> principals(Collection<String> principals) {
        if (principals == null) {
            return Set.of();
        }
        if (principals.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("principals must be names, got null in " + principals);
        }
        return Principals.normalise(principals);
    }

    /** Principals named by a comma-separated parameter ({@code acl=hr,finance}), normalised; blank gives none. */
    static Set<String> parse(String commaSeparated) {
        return commaSeparated == null ? Set.of() : Principals.parse(commaSeparated);
    }
}
