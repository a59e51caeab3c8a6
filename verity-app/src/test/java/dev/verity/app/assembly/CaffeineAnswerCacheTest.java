package dev.verity.app.assembly;

import dev.verity.query.AnswerCache;
import dev.verity.testkit.contracts.AnswerCacheContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The in-process answer cache keeps the answer cache contract, its time to live measured on a ticker the test moves. */
class CaffeineAnswerCacheTest extends AnswerCacheContract {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    protected AnswerCache openCache(Duration ttl) {
        return new CaffeineAnswerCache(ttl, 1_000, nanos::get);
    }

    @Override
    protected void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
