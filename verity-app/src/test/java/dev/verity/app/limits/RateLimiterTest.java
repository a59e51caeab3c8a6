package dev.verity.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.config.RateLimitSettings;
import dev.verity.app.config.RateLimitSettings.Limits;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private static Caller key(String id, String tenant) {
        return new Caller(tenant, Set.of(), Set.of(Scope.QUERY), "key:" + id);
    }

    @Test
    void aKeyGetsItsQuestionsPerMinuteAndThenARetryAfter() {
        RateLimiter limiter = new RateLimiter(new RateLimitSettings(new Limits(3, 0), Map.of(), Map.of()), clock);
        Caller a = key("a", "t");

        assertThat(limiter.tryQuery(a).remaining()).isEqualTo(2);
        limiter.tryQuery(a);
        assertThat(limiter.tryQuery(a).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.tryQuery(a);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.policy()).isEqualTo("key queries per minute");
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(limiter.tryQuery(a).allowed()).isTrue();
    }

    @Test
    void keysAreCountedApartAndAKeyOverrideWins() {
        RateLimiter limiter = new RateLimiter(
                new RateLimitSettings(new Limits(1, 0), Map.of("vip", new Limits(5, 0)), Map.of()), clock);

        assertThat(limiter.tryQuery(key("a", "t")).allowed()).isTrue();
        assertThat(limiter.tryQuery(key("a", "t")).allowed()).isFalse();
        assertThat(limiter.tryQuery(key("b", "t")).allowed()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryQuery(key("vip", "t")).allowed()).isTrue();
        }
        assertThat(limiter.tryQuery(key("vip", "t")).allowed()).isFalse();
    }

    @Test
    void aTenantLimitIsSharedByItsKeysAndARefusalCostsTheKeyNothing() {
        RateLimiter limiter = new RateLimiter(
                new RateLimitSettings(new Limits(10, 0), Map.of(), Map.of("acme", new Limits(2, 0))), clock);

        assertThat(limiter.tryQuery(key("a", "acme")).allowed()).isTrue();
        assertThat(limiter.tryQuery(key("b", "acme")).allowed()).isTrue();
        RateLimiter.Decision refused = limiter.tryQuery(key("a", "acme"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.policy()).isEqualTo("tenant queries per minute");
        assertThat(limiter.tryQuery(key("a", "other")).allowed()).isTrue();

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        for (int i = 0; i < 2; i++) {
            assertThat(limiter.tryQuery(key("a", "acme")).allowed()).isTrue();
        }
    }

    @Test
    void aDaysTokensRunOutAfterTheAnswerThatSpentThem() {
        RateLimiter limiter = new RateLimiter(new RateLimitSettings(new Limits(0, 1_000), Map.of(), Map.of()), clock);
        Caller a = key("a", "t");

        assertThat(limiter.tryQuery(a).allowed()).isTrue();
        limiter.chargeTokens(a, 1_500);
        RateLimiter.Decision refused = limiter.tryQuery(a);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.policy()).isEqualTo("key tokens per day");
        assertThat(refused.retryAfter()).isGreaterThan(Duration.ofHours(1));
    }

    @Test
    void withoutLimitsEverythingPassesUncounted() {
        RateLimiter limiter = new RateLimiter(RateLimitSettings.UNLIMITED, clock);

        assertThat(limiter.enabled()).isFalse();
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryQuery(key("a", "t")).allowed()).isTrue();
        }
    }
}
