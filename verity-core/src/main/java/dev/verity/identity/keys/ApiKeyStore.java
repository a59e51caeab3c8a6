package dev.verity.identity.keys;

import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps API keys and the salted slow hash of each key's secret — never the secret. Implementations:
 * {@link InMemoryApiKeyStore} (tests, a process without a database), {@code dev.verity.jdbc.JdbcApiKeyStore} (table
 * {@code api_keys}, H2 and PostgreSQL, in verity-jdbc). Use-cases go through {@link ApiKeys}, which hashes, verifies
 * and caches; this seam only stores.
 *
 * <p>Contract: a created key is found by its id exactly as created, with its hash; creating an id that exists is
 * refused; {@link #list} gives every key, oldest first (by creation time, then id); revoking keeps the first
 * revocation time; the last use only moves forward. Times are kept to the millisecond.
 */
public interface ApiKeyStore {

    /**
     * A key with the hash of its secret.
     *
     * @param key the key
     * @param hash the secret's hash, in the self-describing form {@link ApiKeys} writes
     */
    record Stored(ApiKey key, String hash) {
        public Stored {
            Objects.requireNonNull(key, "key");
            Checks.nonBlank(hash, "hash");
        }
    }

    /** Keeps a new key; an id that is already stored is an {@link IllegalArgumentException}. */
    void create(ApiKey key, String hash);

    /** The key with this id and its hash; empty when there is none. */
    Optional<Stored> find(String id);

    /** Every key, revoked and expired ones included, oldest first. */
    List<ApiKey> list();

    /** Marks the key revoked at {@code at} unless it already is; false when there is no such key. */
    boolean revoke(String id, Instant at);

    /** Replaces the key's hash (a rotation: the old secret stops matching); false when there is no such key. */
    boolean replaceHash(String id, String hash);

    /** Records that the key was used at {@code at}, unless a later use is recorded; an unknown id is ignored. */
    void recordUse(String id, Instant at);

    /**
     * A store that asks {@code store} for the real one at every call: for a composition root that opens the database
     * only when keys are first needed. {@code store} must cache what it opens.
     */
    static ApiKeyStore lazy(Supplier<? extends ApiKeyStore> store) {
        Objects.requireNonNull(store, "store");
        return new ApiKeyStore() {
            @Override
            public void create(ApiKey key, String hash) {
                store.get().create(key, hash);
            }

            @Override
            public Optional<Stored> find(String id) {
                return store.get().find(id);
            }

            @Override
            public List<ApiKey> list() {
                return store.get().list();
            }

            @Override
            public boolean revoke(String id, Instant at) {
                return store.get().revoke(id, at);
            }

            @Override
            public boolean replaceHash(String id, String hash) {
                return store.get().replaceHash(id, hash);
            }

            @Override
            public void recordUse(String id, Instant at) {
                store.get().recordUse(id, at);
            }
        };
    }
}
