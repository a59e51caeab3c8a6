package dev.verity.identity.keys;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator;
import dev.verity.identity.Scope;
import dev.verity.internal.Hashing;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API keys: create, list, revoke and rotate them, and authenticate the requests that present one. Only a salted slow
 * hash of each secret is stored; the secret is returned once, by {@link #create} or {@link #rotate}, and never again.
 * Every change is written to the audit log, and so is every refused key.
 *
 * <p>A key looks like {@code vrt_<id>_<secret>}: the {@linkplain ApiKey#ID id} finds the stored key without a scan,
 * the secret is 32 random bytes in unpadded base64url. Authentication:
 * <ol>
 *   <li>a bearer without the {@code vrt_} prefix is not a key: empty (a JWT authenticator may take it);
 *   <li>one with the prefix but not the form is refused as {@code malformed};
 *   <li>the stored key is read (cached for {@link #RECORD_TTL}); an unknown id costs the same hash as a known one;
 *   <li>the secret is checked against the stored hash — the slow step, skipped when the same secret matched the same
 *       hash within {@link #VERIFIED_TTL} (the cache is keyed by the secret's SHA-256, never the secret); a mismatch is
 *       {@code unknown_key}, exactly like an id that does not exist;
 *   <li>only then revocation and expiry: {@code revoked}, {@code expired};
 *   <li>the last use is recorded, at most once per {@link #LAST_USE_INTERVAL} per key.
 * </ol>
 * Revoking or rotating in this process takes effect at once; in another process (the CLI beside a server) within
 * {@link #RECORD_TTL}.
 *
 * <pre>{@code
 * ApiKeys keys = new ApiKeys(store, audit, Clock.systemUTC());
 * ApiKeys.Issued issued = keys.create("ci-bot", "default", Set.of("group:eng"), Set.of(Scope.QUERY),
 *         Optional.of(Duration.ofDays(90)), "local");
 * Caller caller = keys.authenticate(issued.secret()).orElseThrow(); // actor "key:<id>"
 * }</pre>
 *
 * <p>Do NOT log or print {@link Issued#secret()} anywhere but to the person who asked for it: it is a password.
 */
public final class ApiKeys implements CallerAuthenticator {
    /** What every key starts with, so a leaked one is recognisable (secret scanners) and a JWT is never mistaken. */
    public static final String PREFIX = "vrt_";
    /** How long a verified secret is trusted without hashing it again. */
    public static final Duration VERIFIED_TTL = Duration.ofSeconds(60);
    /** How long a stored key is read from the cache: how late a revocation by another process is noticed. */
    public static final Duration RECORD_TTL = Duration.ofSeconds(5);
    /** The last use is written at most this often per key: no database write per request. */
    public static final Duration LAST_USE_INTERVAL = Duration.ofMinutes(1);

    /** Entries a cache holds before it is emptied: bounds memory under a flood of made-up keys. */
    private static final int MAX_CACHED = 10_000;

    private static final int SECRET_BYTES = 32;
    private static final Pattern KEY =
            Pattern.compile(Pattern.quote(PREFIX) + "(" + ApiKey.ID.pattern() + ")_([A-Za-z0-9_-]{43})");
    private static final String UNKNOWN_MESSAGE =
            "this API key is not valid here: check that it was copied whole, or ask an administrator for a key"
                    + " (verity keys create)";

    private final ApiKeyStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SecretHashes hashes;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();
    private final Map<String, Cached> records = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();
    private volatile Active active = new Active(false, Instant.MIN);
    private volatile String decoyHash = "";

    /** A secret that matched {@code hash} (a rotation changes the hash, and so ends the trust) at {@code at}. */
    private record Verified(String id, String hash, Instant at) {}

    /** A stored key (or its absence) as read at {@code at}. */
    private record Cached(Optional<ApiKeyStore.Stored> stored, Instant at) {}

    private record Active(boolean any, Instant at) {}

    /**
     * A key just created or rotated, with its secret: shown once.
     *
     * @param key the key as stored
     * @param secret what a caller sends as {@code Authorization: Bearer <secret>}
     */
    public record Issued(ApiKey key, String secret) {
        public Issued {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(secret, "secret");
        }

        /** Without the secret, so a log line or an assertion message never shows it. */
        @Override
        public String toString() {
            return "Issued[key=" + key + ", secret=(hidden)]";
        }
    }

    public ApiKeys(ApiKeyStore store, AuditLog audit, Clock clock) {
        this(store, audit, clock, SecretHashes.DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations of PBKDF2 for new hashes; lower it in tests only (existing hashes keep their own count)
     */
    public ApiKeys(ApiKeyStore store, AuditLog audit, Clock clock, int iterations) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hashes = new SecretHashes(iterations, random);
    }

    /**
     * Creates a key and returns it with its secret, which is not kept and cannot be shown again.
     *
     * @param name what the key is for, 1 to {@value ApiKey#MAX_NAME_LENGTH} characters
     * @param tenant the tenant its requests are confined to ({@code default} for a single team)
     * @param principals who its caller is, normalised by {@link dev.verity.identity.Principals}
     * @param scopes what it may do; at least one
     * @param expiresIn how long it works; empty for until revoked
     * @param actor who creates it, for the audit log ({@code local} for the CLI)
     * @throws IllegalArgumentException for a bad name, tenant, principal, scope set or duration
     */
    public Issued create(
            String name,
            String tenant,
            Set<String> principals,
            Set<Scope> scopes,
            Optional<Duration> expiresIn,
            String actor) {
        Objects.requireNonNull(expiresIn, "expiresIn");
        expiresIn.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("expiresIn must be positive, got " + d);
            }
        });
        Instant now = now();
        String id = newId();
        ApiKey key = new ApiKey(
                id,
                name,
                tenant,
                principals,
                scopes,
                now,
                expiresIn.map(now::plus),
                Optional.empty(),
                Optional.empty());
        String secret = newSecret(id);
        store.create(key, hashes.hash(secret));
        changed(id);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scopes", codes(key.scopes()));
        details.put("principals", String.valueOf(key.principals().size()));
        key.expiresAt().ifPresent(at -> details.put("expires_at", at.toString()));
        record(AuditEvent.KEY_CREATED, actor, key, details);
        return new Issued(key, secret);
    }

    /** Every key, oldest first, revoked and expired ones included; never a secret or a hash. */
    public List<ApiKey> list() {
        return store.list();
    }

    /** The key with this id; empty when there is none. */
    public Optional<ApiKey> find(String id) {
        return store.find(ApiKey.requireId(id)).map(ApiKeyStore.Stored::key);
    }

    /**
     * Revokes a key: it stops working at once in this process and within {@link #RECORD_TTL} in others. Revoking a
     * revoked key changes nothing.
     *
     * @param actor who revokes it, for the audit log
     * @return the key as it is now; empty when there is no key with this id
     */
    public Optional<ApiKey> revoke(String id, String actor) {
        Optional<ApiKey> before = find(id);
        if (before.isEmpty()) {
            return before;
        }
        if (before.get().revoked()) {
            return before;
        }
        store.revoke(id, now());
        changed(id);
        ApiKey after = find(id).orElseThrow();
        record(AuditEvent.KEY_REVOKED, actor, after, Map.of());
        return Optional.of(after);
    }

    /**
     * Gives a key a new secret; the old one stops working at once in this process and within {@link #RECORD_TTL} in
     * others. Name, tenant, principals, scopes and expiry stay.
     *
     * @param actor who rotates it, for the audit log
     * @return the key with its new secret, shown once; empty when there is no key with this id
     * @throws IllegalArgumentException when the key is revoked or expired: create a new one instead
     */
    public Optional<Issued> rotate(String id, String actor) {
        Optional<ApiKey> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (!key.active(now())) {
            throw new IllegalArgumentException("key " + id + " is " + key.state(now())
                    + " and cannot be rotated: create a new one (verity keys create)");
        }
        String secret = newSecret(id);
        store.replaceHash(id, hashes.hash(secret));
        changed(id);
        record(AuditEvent.KEY_ROTATED, actor, key, Map.of());
        return Optional.of(new Issued(key, secret));
    }

    /**
     * True when some key is neither revoked nor expired: a server then requires authentication on every request.
     * Cached for {@link #RECORD_TTL}; a change in this process is seen at once.
     */
    public boolean anyActive() {
        Instant now = clock.instant();
        Active cached = active;
        if (now.isBefore(cached.at().plus(RECORD_TTL)) && !now.isBefore(cached.at())) {
            return cached.any();
        }
        boolean any = store.list().stream().anyMatch(k -> k.active(now));
        active = new Active(any, now);
        return any;
    }

    /**
     * @return the caller of the key; empty when {@code bearerToken} is not an API key (no {@code vrt_} prefix)
     * @throws AuthenticationException {@code malformed}, {@code unknown_key} (also for a wrong secret),
     *     {@code revoked} or {@code expired}; each is already written to the audit log
     */
    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (!bearerToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(bearerToken);
        if (!m.matches()) {
            throw refuse(
                    "malformed",
                    "this is not a whole Verity API key (vrt_<id>_<secret>): check that it was copied whole",
                    "anonymous",
                    DocumentIds.DEFAULT_TENANT,
                    "");
        }
        String id = m.group(1);
        Instant now = clock.instant();
        String digest = Hashing.sha256(bearerToken);
        Optional<ApiKeyStore.Stored> stored = stored(id, now);
        // an unknown id is hashed against a decoy, so the time taken does not tell it from a wrong secret
        String hash = stored.map(ApiKeyStore.Stored::hash).orElseGet(this::decoyHash);
        boolean matches = secretMatches(bearerToken, digest, hash, id, now);
        if (stored.isEmpty() || !matches) {
            throw refuse("unknown_key", UNKNOWN_MESSAGE, "key:" + id, DocumentIds.DEFAULT_TENANT, id);
        }
        ApiKey key = stored.get().key();
        if (key.revoked()) {
            throw refuse(
                    "revoked",
                    "this API key was revoked: ask an administrator for a new one",
                    "key:" + id,
                    key.tenant(),
                    id);
        }
        if (key.expired(now)) {
            throw refuse(
                    "expired",
                    "this API key expired at " + key.expiresAt().orElseThrow() + ": ask an administrator for a new one",
                    "key:" + id,
                    key.tenant(),
                    id);
        }
        recordUse(key, now);
        return Optional.of(new Caller(key.tenant(), key.principals(), key.scopes(), "key:" + id));
    }

    /** The stored key, from the cache while it is fresh. */
    private Optional<ApiKeyStore.Stored> stored(String id, Instant now) {
        Cached cached = records.get(id);
        if (cached != null && fresh(cached.at(), RECORD_TTL, now)) {
            return cached.stored();
        }
        Optional<ApiKeyStore.Stored> stored = store.find(id);
        bounded(records).put(id, new Cached(stored, now));
        return stored;
    }

    /** Whether the presented key matches {@code hash}: from the caches, else by the slow hash. */
    private boolean secretMatches(String presented, String digest, String hash, String id, Instant now) {
        Verified trusted = verified.get(digest);
        if (trusted != null
                && trusted.id().equals(id)
                && trusted.hash().equals(hash)
                && fresh(trusted.at(), VERIFIED_TTL, now)) {
            return true;
        }
        Instant refusedAt = refused.get(digest);
        if (refusedAt != null && fresh(refusedAt, VERIFIED_TTL, now)) {
            return false;
        }
        if (!SecretHashes.matches(presented, hash)) {
            bounded(refused).put(digest, now);
            return false;
        }
        bounded(verified).put(digest, new Verified(id, hash, now));
        return true;
    }

    /** The refusal to throw, written to the audit log first. */
    private AuthenticationException refuse(String reason, String message, String actor, String tenant, String target) {
        audit.append(new AuditEvent(
                clock.instant(),
                AuditEvent.AUTH_FAILED,
                actor,
                tenant,
                target,
                AuditEvent.DENIED,
                Map.of("reason", reason)));
        return new AuthenticationException(reason, message);
    }

    /** The hash of a random secret nobody holds, made once. */
    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy.isEmpty()) {
            decoy = hashes.hash(newSecret("0".repeat(ApiKey.ID_LENGTH)));
            decoyHash = decoy;
        }
        return decoy;
    }

    private void recordUse(ApiKey key, Instant now) {
        boolean[] due = {false};
        bounded(lastUseWritten).compute(key.id(), (id, written) -> {
            Instant last = written != null ? written : key.lastUsedAt().orElse(null);
            if (last == null || !now.isBefore(last.plus(LAST_USE_INTERVAL))) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            store.recordUse(key.id(), now.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    /** Forgets what was cached about key {@code id}, and whether any key is active. */
    private void changed(String id) {
        records.remove(id);
        verified.values().removeIf(v -> v.id().equals(id));
        active = new Active(false, Instant.MIN);
    }

    private void record(String type, String actor, ApiKey key, Map<String, String> details) {
        audit.append(new AuditEvent(clock.instant(), type, actor, key.tenant(), key.id(), AuditEvent.OK, details));
    }

    private String newId() {
        for (; ; ) {
            byte[] bytes = new byte[ApiKey.ID_LENGTH / 2];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            if (store.find(id).isEmpty()) {
                return id;
            }
        }
    }

    private String newSecret(String id) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean fresh(Instant at, Duration ttl, Instant now) {
        return !now.isBefore(at) && now.isBefore(at.plus(ttl));
    }

    private static <K, V> Map<K, V> bounded(Map<K, V> cache) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        return cache;
    }

    private static String codes(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::code).collect(Collectors.joining(","));
    }
}
