package dev.verity.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.verity.audit.InMemoryAuditLog;
import dev.verity.identity.Caller;
import dev.verity.identity.CallerAuthenticator.AuthenticationException;
import dev.verity.identity.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    /** Fast hashes for tests; the format and the verification are the same at any count. */
    private static final int ITERATIONS = 1_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ApiKeys keys = new ApiKeys(store, audit, clock, ITERATIONS);

    @Test
    void aCreatedKeyAuthenticatesAsItsTenantPrincipalsAndScopes() {
        ApiKeys.Issued issued = keys.create(
                "intranet",
                "acme",
                Set.of(" group:staff", "user:ana"),
                EnumSet.of(Scope.QUERY, Scope.INGEST),
                Optional.of(Duration.ofDays(90)),
                "local");

        assertThat(issued.secret()).matches("vrt_" + issued.key().id() + "_[A-Za-z0-9_-]{43}");
        assertThat(issued.key().expiresAt()).contains(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(keys.authenticate(issued.secret()))
                .contains(new Caller(
                        "acme",
                        Set.of("group:staff", "user:ana"),
                        Set.of(Scope.QUERY, Scope.INGEST),
                        "key:" + issued.key().id()));
    }

    @Test
    void aBearerWithoutThePrefixIsLeftToAnotherAuthenticator() {
        assertThat(keys.authenticate("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isEmpty();
        assertThat(audit.list(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aKeyCutShortIsRefusedAsMalformed() {
        ApiKeys.Issued issued = query();

        assertRefused(issued.secret().substring(0, issued.secret().length() - 1), "malformed");
        assertRefused("vrt_", "malformed");
        assertRefused("vrt_0123456789AB_" + "a".repeat(43), "malformed");
    }

    @Test
    void aWrongSecretIsRefusedExactlyLikeAnIdThatDoesNotExist() {
        ApiKeys.Issued issued = query();
        String wrongSecret = "vrt_" + issued.key().id() + "_" + "A".repeat(43);
        String unknownId = "vrt_000000000000_" + "A".repeat(43);

        AuthenticationException wrong = refusal(wrongSecret);
        AuthenticationException unknown = refusal(unknownId);

        assertThat(wrong.reason()).isEqualTo("unknown_key");
        assertThat(unknown.reason()).isEqualTo("unknown_key");
        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage());
        // asked again, the cached refusal gives the same answer
        assertThat(refusal(wrongSecret).reason()).isEqualTo("unknown_key");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceThoughItsSecretWasJustVerified() {
        ApiKeys.Issued issued = query();
        assertThat(keys.authenticate(issued.secret())).isPresent();

        assertThat(keys.revoke(issued.key().id(), "local").orElseThrow().revokedAt())
                .contains(clock.instant());

        assertRefused(issued.secret(), "revoked");
    }

    @Test
    void aRevocationByAnotherProcessIsSeenWithinTheRecordTtl() {
        ApiKeys.Issued issued = query();
        assertThat(keys.authenticate(issued.secret())).isPresent();

        store.revoke(issued.key().id(), clock.instant()); // as `verity keys revoke` beside a server would
        clock.advance(ApiKeys.RECORD_TTL.minusMillis(1));
        assertThat(keys.authenticate(issued.secret())).isPresent();
        clock.advance(Duration.ofMillis(1));

        assertRefused(issued.secret(), "revoked");
    }

    @Test
    void aKeyIsRefusedAsExpiredFromItsExpiryOn() {
        ApiKeys.Issued issued =
                keys.create("ci", "default", Set.of(), Set.of(Scope.QUERY), Optional.of(Duration.ofHours(1)), "local");
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(keys.authenticate(issued.secret())).isPresent();

        clock.advance(Duration.ofSeconds(1));

        AuthenticationException refused = refusal(issued.secret());
        assertThat(refused.reason()).isEqualTo("expired");
        assertThat(refused.getMessage())
                .isEqualTo("this API key expired at 2026-12-01T10:00:00Z: ask an administrator for a new one");
    }

    @Test
    void rotatingStopsTheOldSecretAtOnceAndKeepsEverythingElse() {
        ApiKeys.Issued issued = query();
        assertThat(keys.authenticate(issued.secret())).isPresent();

        ApiKeys.Issued rotated = keys.rotate(issued.key().id(), "local").orElseThrow();

        assertThat(rotated.key()).isEqualTo(keys.find(issued.key().id()).orElseThrow());
        assertThat(rotated.key().scopes()).isEqualTo(issued.key().scopes());
        assertThat(rotated.key().principals()).isEqualTo(issued.key().principals());
        assertThat(rotated.secret()).isNotEqualTo(issued.secret());
        assertRefused(issued.secret(), "unknown_key");
        assertThat(keys.authenticate(rotated.secret())).isPresent();
    }

    @Test
    void aRevokedOrExpiredKeyCannotBeRotated() {
        ApiKeys.Issued issued = query();
        keys.revoke(issued.key().id(), "local");

        assertThatThrownBy(() -> keys.rotate(issued.key().id(), "local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key " + issued.key().id()
                        + " is revoked and cannot be rotated: create a new one (verity keys create)");
    }

    @Test
    void unknownIdsAreNotFoundForRevokeAndRotateAndMalformedOnesAreRefused() {
        assertThat(keys.revoke("0123456789ab", "local")).isEmpty();
        assertThat(keys.rotate("0123456789ab", "local")).isEmpty();
        assertThatThrownBy(() -> keys.revoke("nope", "local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a key id is 12 lower-case hex characters (see `verity keys list`), got \"nope\"");
    }

    @Test
    void onlyASaltedHashIsStoredAndEqualKeysGetDifferentSalts() {
        ApiKeys.Issued first = query();
        ApiKeys.Issued second = query();

        String firstHash = store.find(first.key().id()).orElseThrow().hash();
        String secondHash = store.find(second.key().id()).orElseThrow().hash();
        String secretPart = first.secret().substring(first.secret().lastIndexOf('_') + 1);

        assertThat(firstHash)
                .startsWith("pbkdf2-sha256$" + ITERATIONS + "$")
                .doesNotContain(first.secret())
                .doesNotContain(secretPart);
        assertThat(salt(firstHash)).isNotEqualTo(salt(secondHash));
        assertThat(SecretHashes.matches(first.secret(), firstHash)).isTrue();
        assertThat(SecretHashes.matches(second.secret(), firstHash)).isFalse();
        assertThat(first.toString()).doesNotContain(first.secret());
    }

    @Test
    void theDefaultHashCostIsWrittenIntoTheHash() {
        ApiKeys slow = new ApiKeys(store, audit, clock);
        ApiKeys.Issued issued = slow.create("ci", "default", Set.of(), Set.of(Scope.QUERY), Optional.empty(), "local");

        assertThat(store.find(issued.key().id()).orElseThrow().hash())
                .startsWith("pbkdf2-sha256$" + SecretHashes.DEFAULT_ITERATIONS + "$");
        // a count raised later still verifies the hashes written before
        assertThat(keys.authenticate(issued.secret())).isPresent();
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        ApiKeys.Issued issued = query();
        String id = issued.key().id();

        keys.authenticate(issued.secret());
        Instant first = clock.instant();
        clock.advance(Duration.ofSeconds(59));
        keys.authenticate(issued.secret());
        assertThat(store.find(id).orElseThrow().key().lastUsedAt()).contains(first);

        clock.advance(Duration.ofSeconds(1));
        keys.authenticate(issued.secret());
        assertThat(store.find(id).orElseThrow().key().lastUsedAt()).contains(clock.instant());
    }

    @Test
    void anyActiveFollowsCreationRevocationAndExpiry() {
        assertThat(keys.anyActive()).isFalse();
        ApiKeys.Issued issued = keys.create(
                "ci", "default", Set.of(), Set.of(Scope.QUERY), Optional.of(Duration.ofMinutes(10)), "local");
        assertThat(keys.anyActive()).isTrue();

        clock.advance(Duration.ofMinutes(10));
        assertThat(keys.anyActive()).isFalse();

        ApiKeys.Issued other = query();
        assertThat(keys.anyActive()).isTrue();
        keys.revoke(other.key().id(), "local");
        assertThat(keys.anyActive()).isFalse();
        assertThat(issued.key().active(clock.instant())).isFalse();
    }

    @Test
    void refusesBadValuesNamingThem() {
        Set<Scope> query = Set.of(Scope.QUERY);
        Optional<Duration> never = Optional.empty();

        assertThatThrownBy(() -> keys.create(" ", "default", Set.of(), query, never, "local"))
                .hasMessage("name must not be blank, got \" \"");
        assertThatThrownBy(() -> keys.create("x".repeat(101), "default", Set.of(), query, never, "local"))
                .hasMessage("name is at most 100 characters, got 101");
        assertThatThrownBy(() -> keys.create("ci", "Acme Corp", Set.of(), query, never, "local"))
                .hasMessageStartingWith("tenant must match");
        assertThatThrownBy(() -> keys.create("ci", "default", Set.of("group: board"), query, never, "local"))
                .hasMessageStartingWith("a principal must not contain spaces");
        assertThatThrownBy(() -> keys.create("ci", "default", Set.of(), Set.of(), never, "local"))
                .hasMessage("a key needs at least one scope: query, ingest, admin, impersonate or metrics");
        assertThatThrownBy(() ->
                        keys.create("ci", "default", Set.of(), query, Optional.of(Duration.ofSeconds(-1)), "local"))
                .hasMessage("expiresIn must be positive, got PT-1S");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void changesAndRefusalsAreAuditedWithoutTheSecret() {
        ApiKeys.Issued issued = keys.create(
                "ci", "acme", Set.of("user:ana"), Set.of(Scope.ADMIN, Scope.QUERY), Optional.empty(), "local");
        String id = issued.key().id();
        ApiKeys.Issued rotated = keys.rotate(id, "local").orElseThrow();
        keys.revoke(id, "key:ffffffffffff");
        refusal(rotated.secret());

        assertThat(audit.list(Optional.empty(), 10))
                .extracting(e -> e.type() + " " + e.actor() + " " + e.tenant() + " " + e.target() + " " + e.outcome()
                        + " " + e.details())
                .containsExactly(
                        "key_created local acme " + id + " ok {principals=1, scopes=query,admin}",
                        "key_rotated local acme " + id + " ok {}",
                        "key_revoked key:ffffffffffff acme " + id + " ok {}",
                        "auth_failed key:" + id + " acme " + id + " denied {reason=revoked}");
        assertThat(audit.list(Optional.empty(), 10).toString())
                .doesNotContain(issued.secret())
                .doesNotContain(rotated.secret())
                .doesNotContain("user:ana");
    }

    private ApiKeys.Issued query() {
        return keys.create("ci", "default", Set.of("group:staff"), Set.of(Scope.QUERY), Optional.empty(), "local");
    }

    private void assertRefused(String bearer, String reason) {
        assertThat(refusal(bearer).reason()).isEqualTo(reason);
    }

    private AuthenticationException refusal(String bearer) {
        AuthenticationException refused =
                catchThrowableOfType(AuthenticationException.class, () -> keys.authenticate(bearer));
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    private static String salt(String hash) {
        return hash.split("\\$")[2];
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
