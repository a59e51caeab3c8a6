package dev.verity.identity.keys;

import dev.verity.identity.Principals;
import dev.verity.identity.Scope;
import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An API key as stored and listed: who it lets a caller be and until when. Never the secret, never its hash.
 *
 * @param id the key's public id, {@value #ID_LENGTH} lower-case hex characters; it is also part of the secret
 *     ({@code vrt_<id>_…}), so a presented key is found without scanning
 * @param name what the key is for, for people ({@code ci-bot}, {@code intranet}); 1 to {@value #MAX_NAME_LENGTH}
 *     characters
 * @param tenant the tenant every request made with the key is confined to
 * @param principals who the key's caller is, for document ACLs (normalised by {@link Principals})
 * @param scopes what the key may do; at least one
 * @param createdAt when it was created
 * @param expiresAt when it stops working by itself; empty for never
 * @param revokedAt when it was revoked; empty while it is not
 * @param lastUsedAt when it last authenticated a request (recorded at most once a minute); empty if never
 */
public record ApiKey(
        String id,
        String name,
        String tenant,
        Set<String> principals,
        Set<Scope> scopes,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt,
        Optional<Instant> lastUsedAt) {

    /** Characters in a key id. */
    public static final int ID_LENGTH = 12;
    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = 100;
    /** What a key id looks like. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");
    /** What a tenant name looks like: the rule of collection names. */
    public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ApiKey {
        requireId(id);
        Checks.nonBlank(name, "name");
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "name is at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must not contain control characters");
        }
        Objects.requireNonNull(tenant, "tenant");
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must match " + TENANT.pattern()
                    + " (lower-case letters, digits, '_' and '-', at most 64), got \"" + tenant + "\"");
        }
        principals = Principals.normalise(principals);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException(
                    "a key needs at least one scope: query, ingest, admin, impersonate or metrics");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
            throw new IllegalArgumentException(
                    "expiresAt must be after createdAt " + createdAt + ", got " + expiresAt.get());
        }
    }

    /** Throws unless {@code id} looks like a key id; returns it. */
    public static String requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "a key id is " + ID_LENGTH + " lower-case hex characters (see `verity keys list`), got \""
                            + id.replaceAll("\\p{Cntrl}", "?") + "\"");
        }
        return id;
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** True from {@link #expiresAt} on. */
    public boolean expired(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** Neither revoked nor expired: it authenticates requests. */
    public boolean active(Instant now) {
        return !revoked() && !expired(now);
    }

    /** {@code revoked}, {@code expired} or {@code active}, for listings. */
    public String state(Instant now) {
        return revoked() ? "revoked" : expired(now) ? "expired" : "active";
    }

    /** This key revoked at {@code at} (a key revoked before keeps its first time). */
    public ApiKey revokedAt(Instant at) {
        return revoked() ? this : withRevokedAt(Optional.of(at));
    }

    /** This key last used at {@code at}, unless it was recorded as used later already. */
    public ApiKey usedAt(Instant at) {
        if (lastUsedAt.isPresent() && !at.isAfter(lastUsedAt.get())) {
            return this;
        }
        return new ApiKey(id, name, tenant, principals, scopes, createdAt, expiresAt, revokedAt, Optional.of(at));
    }

    private ApiKey withRevokedAt(Optional<Instant> at) {
        return new ApiKey(id, name, tenant, principals, scopes, createdAt, expiresAt, at, lastUsedAt);
    }
}
