package dev.verity.identity.keys;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An {@link ApiKeyStore} in memory, for tests and a process without a database. Thread-safe. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, Stored> keys = new HashMap<>();

    @Override
    public synchronized void create(ApiKey key, String hash) {
        Objects.requireNonNull(key, "key");
        Checks.nonBlank(hash, "hash");
        if (keys.containsKey(key.id())) {
            throw new IllegalArgumentException("an API key with id " + key.id() + " exists already");
        }
        keys.put(key.id(), new Stored(millis(key), hash));
    }

    @Override
    public synchronized Optional<Stored> find(String id) {
        return Optional.ofNullable(keys.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized List<ApiKey> list() {
        return keys.values().stream()
                .map(Stored::key)
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
    }

    @Override
    public synchronized boolean revoke(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        return update(id, stored -> new Stored(stored.key().revokedAt(millis(at)), stored.hash()));
    }

    @Override
    public synchronized boolean replaceHash(String id, String hash) {
        Checks.nonBlank(hash, "hash");
        return update(id, stored -> new Stored(stored.key(), hash));
    }

    @Override
    public synchronized void recordUse(String id, Instant at) {
        Objects.requireNonNull(at, "at");
        update(id, stored -> new Stored(stored.key().usedAt(millis(at)), stored.hash()));
    }

    private boolean update(String id, UnaryOperator<Stored> change) {
        Stored stored = keys.get(Objects.requireNonNull(id, "id"));
        if (stored == null) {
            return false;
        }
        keys.put(id, change.apply(stored));
        return true;
    }

    /** The precision the database stores keep, so both kinds of store return the same times. */
    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiKey millis(ApiKey key) {
        return new ApiKey(
                key.id(),
                key.name(),
                key.tenant(),
                key.principals(),
                key.scopes(),
                millis(key.createdAt()),
                key.expiresAt().map(InMemoryApiKeyStore::millis),
                key.revokedAt().map(InMemoryApiKeyStore::millis),
                key.lastUsedAt().map(InMemoryApiKeyStore::millis));
    }
}
