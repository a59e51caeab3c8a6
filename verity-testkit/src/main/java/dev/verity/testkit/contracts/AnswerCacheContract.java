package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.query.AnswerCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AnswerCache} that keeps answers must do: a key never put is a miss, an answer put is found by its
 * exact key and no other, a second put replaces the first, an answer is still there just before its time to live ends
 * and gone once it has, and many threads putting and getting at once each find their own answers.
 *
 * <p>Subclass it once per implementation and supply {@link #openCache(Duration)} and {@link #advance(Duration)}: the
 * cache must measure its time to live on a clock the subclass moves, so expiry is proved without sleeping.
 * {@link AnswerCache#none()} keeps nothing by design and is not subject to this contract. Implementations:
 * {@code CaffeineAnswerCache} (verity-app).
 */
public abstract class AnswerCacheContract {
    /** The time to live the cache under test is opened with. */
    protected static final Duration TTL = Duration.ofMinutes(10);

    private static final Answer LEAVE = new Answer("Staff get 25 days of annual leave.", false, 0.9, List.of());
    private static final Answer PARKING = new Answer("Parking is free for visitors.", false, 0.8, List.of());

    protected AnswerCache cache;

    /** A new, empty cache keeping each answer for {@code ttl} on the clock {@link #advance} moves. */
    protected abstract AnswerCache openCache(Duration ttl);

    /** Moves the cache's clock forward. */
    protected abstract void advance(Duration by);

    @BeforeEach
    void open() {
        cache = openCache(TTL);
    }

    @Test
    void aKeyNeverPutIsAMiss() {
        assertThat(cache.get("how many days of leave|hr|v1")).isEmpty();
    }

    @Test
    void anAnswerPutIsFoundByItsKey() {
        cache.put("how many days of leave|hr|v1", LEAVE);

        assertThat(cache.get("how many days of leave|hr|v1")).contains(LEAVE);
    }

    @Test
    void keysAreIndependentAndExact() {
        cache.put("how many days of leave|hr|v1", LEAVE);
        cache.put("is parking free|hr|v1", PARKING);

        assertThat(cache.get("how many days of leave|hr|v1")).contains(LEAVE);
        assertThat(cache.get("is parking free|hr|v1")).contains(PARKING);
        assertThat(cache.get("how many days of leave|hr|v2")).isEmpty();
        assertThat(cache.get("How many days of leave|hr|v1")).isEmpty();
    }

    @Test
    void aSecondPutReplacesTheFirst() {
        cache.put("how many days of leave|hr|v1", LEAVE);
        cache.put("how many days of leave|hr|v1", PARKING);

        assertThat(cache.get("how many days of leave|hr|v1")).contains(PARKING);
    }

    @Test
    void anAnswerIsKeptUntilItsTimeToLiveEnds() {
        cache.put("how many days of leave|hr|v1", LEAVE);

        advance(TTL.minusSeconds(1));
        assertThat(cache.get("how many days of leave|hr|v1")).contains(LEAVE);

        advance(Duration.ofSeconds(2));
        assertThat(cache.get("how many days of leave|hr|v1")).isEmpty();
    }

    @Test
    void manyThreadsEachFindTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> found = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "question " + i;
                Answer answer = new Answer("answer " + i, false, 0.5, List.of());
                found.add(pool.submit(() -> {
                    cache.put(key, answer);
                    return cache.get(key).equals(java.util.Optional.of(answer));
                }));
            }
            for (Future<Boolean> f : found) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
