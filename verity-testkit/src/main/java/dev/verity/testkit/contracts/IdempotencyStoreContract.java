package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.idempotency.IdempotencyStore;
import dev.verity.idempotency.IdempotencyStore.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} must do. */
public abstract class IdempotencyStoreContract {
    private static final Duration DAY = Duration.ofDays(1);
    protected IdempotencyStore store;

    private static IdempotencyStore.Key key(String value) {
        return new IdempotencyStore.Key("acme", "key:k_1", value);
    }

    protected abstract IdempotencyStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @Test
    void aNewKeyIsFreshThenInProgressThenDoneWithItsResponse() {
        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.Fresh());
        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.InProgress());

        store.complete(key("k1"), 200, "{\"answer\":\"x\"}");

        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.Done(200, "{\"answer\":\"x\"}"));
    }

    @Test
    void aKeyReusedForAnotherRequestIsAMismatch() {
        store.claim(key("k1"), "hash-a", DAY);

        assertThat(store.claim(key("k1"), "hash-b", DAY)).isEqualTo(new Claim.Mismatch());
    }

    @Test
    void aReleasedKeyIsFreshAgainButACompletedOneIsNotReleased() {
        store.claim(key("k1"), "hash", DAY);
        store.release(key("k1"));
        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.Fresh());

        store.complete(key("k1"), 200, "r");
        store.release(key("k1"));
        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.Done(200, "r"));
    }

    @Test
    void theSameKeyFromAnotherActorOrTenantIsAnotherKey() {
        store.claim(key("k1"), "hash", DAY);
        store.complete(key("k1"), 200, "first caller's response");

        IdempotencyStore.Key otherActor = new IdempotencyStore.Key("acme", "key:k_2", "k1");
        IdempotencyStore.Key otherTenant = new IdempotencyStore.Key("globex", "key:k_1", "k1");
        assertThat(store.claim(otherActor, "hash", DAY)).isEqualTo(new Claim.Fresh());
        assertThat(store.claim(otherTenant, "other-hash", DAY)).isEqualTo(new Claim.Fresh());
        store.release(otherActor);
        store.complete(otherTenant, 200, "second caller's response");

        assertThat(store.claim(key("k1"), "hash", DAY)).isEqualTo(new Claim.Done(200, "first caller's response"));
        assertThat(store.claim(otherTenant, "other-hash", DAY))
                .isEqualTo(new Claim.Done(200, "second caller's response"));
    }

    @Test
    void expiredKeysAreForgotten() throws Exception {
        store.claim(key("old"), "hash", DAY);
        store.complete(key("old"), 200, "r");
        Thread.sleep(20);

        assertThat(store.claim(key("old"), "hash", Duration.ofMillis(1))).isEqualTo(new Claim.Fresh());
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneIsFresh() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(pool.submit(() -> {
                go.await();
                return store.claim(key("race"), "hash", DAY);
            }));
        }
        go.countDown();
        int fresh = 0;
        for (Future<Claim> claim : claims) {
            fresh += claim.get() instanceof Claim.Fresh ? 1 : 0;
        }
        pool.shutdown();

        assertThat(fresh).isEqualTo(1);
    }
}
