package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.identity.Scope;
import dev.verity.identity.keys.ApiKey;
import dev.verity.identity.keys.ApiKeyStore;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApiKeyStore} must do. Subclass once per implementation; each test gets an empty store. Times are
 * whole milliseconds, the precision every store keeps.
 */
public abstract class ApiKeyStoreContract {
    private static final Instant AT = Instant.parse("2026-12-01T09:30:00.123Z");
    private static final String HASH = "pbkdf2-sha256$1000$c2FsdA$aGFzaA";

    protected ApiKeyStore store;

    /** A new, empty store. */
    protected abstract ApiKeyStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** A key with every optional part present, principals and name beyond ASCII. */
    protected static ApiKey fullKey(String id, Instant createdAt) {
        return new ApiKey(
                id,
                "intranet — Bergen ø",
                "acme",
                Set.of("group:board", "user:ana"),
                EnumSet.of(Scope.QUERY, Scope.IMPERSONATE),
                createdAt,
                Optional.of(createdAt.plusSeconds(86_400)),
                Optional.empty(),
                Optional.empty());
    }

    /** A key with nothing optional: no expiry, no principals. */
    protected static ApiKey bareKey(String id, Instant createdAt) {
        return new ApiKey(
                id,
                "ci",
                "default",
                Set.of(),
                Set.of(Scope.ADMIN),
                createdAt,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void findsACreatedKeyWithItsHashExactlyAsCreated() {
        ApiKey key = fullKey("0123456789ab", AT);
        store.create(key, HASH);

        assertThat(store.find("0123456789ab")).contains(new ApiKeyStore.Stored(key, HASH));
        store.create(bareKey("ba9876543210", AT), HASH);
        assertThat(store.find("ba9876543210").orElseThrow().key()).isEqualTo(bareKey("ba9876543210", AT));
    }

    @Test
    void findsNothingForAnIdNeverCreated() {
        assertThat(store.find("0123456789ab")).isEmpty();
    }

    @Test
    void refusesToCreateAnIdTwice() {
        store.create(bareKey("0123456789ab", AT), HASH);

        assertThatThrownBy(() -> store.create(fullKey("0123456789ab", AT), "other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0123456789ab");
        assertThat(store.find("0123456789ab").orElseThrow().key().name()).isEqualTo("ci");
    }

    @Test
    void listsEveryKeyOldestFirstThenById() {
        store.create(bareKey("cccccccccccc", AT.plusSeconds(5)), HASH);
        store.create(bareKey("bbbbbbbbbbbb", AT), HASH);
        store.create(bareKey("aaaaaaaaaaaa", AT), HASH);
        store.revoke("aaaaaaaaaaaa", AT.plusSeconds(10));

        assertThat(store.list()).extracting(ApiKey::id).containsExactly("aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc");
    }

    @Test
    void listsNothingWhenEmpty() {
        assertThat(store.list()).isEmpty();
    }

    @Test
    void revokingKeepsTheFirstRevocationTime() {
        store.create(fullKey("0123456789ab", AT), HASH);

        assertThat(store.revoke("0123456789ab", AT.plusSeconds(60))).isTrue();
        assertThat(store.revoke("0123456789ab", AT.plusSeconds(120))).isTrue();

        assertThat(store.find("0123456789ab").orElseThrow().key())
                .isEqualTo(fullKey("0123456789ab", AT).revokedAt(AT.plusSeconds(60)));
    }

    @Test
    void revokingOrRotatingAnUnknownIdChangesNothing() {
        assertThat(store.revoke("0123456789ab", AT)).isFalse();
        assertThat(store.replaceHash("0123456789ab", HASH)).isFalse();
        store.recordUse("0123456789ab", AT);

        assertThat(store.list()).isEmpty();
    }

    @Test
    void replacingTheHashKeepsTheKey() {
        store.create(fullKey("0123456789ab", AT), HASH);

        assertThat(store.replaceHash("0123456789ab", "pbkdf2-sha256$1000$bmV3$bmV3"))
                .isTrue();

        assertThat(store.find("0123456789ab"))
                .contains(new ApiKeyStore.Stored(fullKey("0123456789ab", AT), "pbkdf2-sha256$1000$bmV3$bmV3"));
    }

    @Test
    void theLastUseOnlyMovesForward() {
        store.create(bareKey("0123456789ab", AT), HASH);

        store.recordUse("0123456789ab", AT.plusSeconds(120));
        store.recordUse("0123456789ab", AT.plusSeconds(60));

        assertThat(store.find("0123456789ab").orElseThrow().key().lastUsedAt()).contains(AT.plusSeconds(120));
        store.recordUse("0123456789ab", AT.plusSeconds(180));
        assertThat(store.find("0123456789ab").orElseThrow().key().lastUsedAt()).contains(AT.plusSeconds(180));
    }
}
