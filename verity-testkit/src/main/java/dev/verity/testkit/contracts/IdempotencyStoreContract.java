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

    protected abstract IdempotencyStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @Test
    void aNewKeyIsFreshThenInProgressThenDoneWithItsResponse() {
        assertThat(store.claim("k1", "hash", DAY)).isEqualTo(new Claim.Fresh());
        assertThat(store.claim("k1", "hash", DAY)).isEqualTo(new Claim.InProgress());

        store.complete("k1", 200, "{\"answer\":\"x\"}");

        assertThat(store.claim("k1", "hash", DAY)).isEqualTo(new Claim.Done(200, "{\"answer\":\"x\"}"));
    }

    @Test
    void aKeyReusedForAnotherRequestIsAMismatch() {
        store.claim("k1", "hash-a", DAY);

        assertThat(store.claim("k1", "hash-b", DAY)).isEqualTo(new Claim.Mismatch());
    }

    @Test
    void aReleasedKeyIsFreshAgainButACompletedOneIsNotReleased() {
        store.claim("k1", "hash", DAY);
        store.release("k1");
        assertThat(store.claim("k1", "hash", DAY)).isEqualTo(new Claim.Fresh());

        store.complete("k1", 200, "r");
        store.release("k1");
        assertThat(store.claim("k1", "hash", DAY)).isEqualTo(new Claim.Done(200, "r"));
    }

    @Test
    void expiredKeysAreForgotten() throws Exception {
        store.claim("old", "hash", DAY);
        store.complete("old", 200, "r");
        Thread.sleep(20);

        assertThat(store.claim("old", "hash", Duration.ofMillis(1))).isEqualTo(new Claim.Fresh());
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneIsFresh() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(pool.submit(() -> {
                go.await();
                return store.claim("race", "hash", DAY);
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
