package dev.verity.app.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.verity.app.config.RateLimitSettings;
import dev.verity.app.config.RateLimitSettings.Limits;
import dev.verity.identity.Caller;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Counts questions and model tokens per key and per tenant in token buckets (Bucket4j), in this process. A question
 * is let through only when every bucket that applies to its caller — the key's and, when configured, the tenant's —
 * has room; tokens are charged after the answer, so a day's quota may be overshot by one answer, never more.
 *
 * <p>The caller's key is its {@link Caller#actor()} ({@code key:<id>}, {@code jwt:<issuer>#<subject>}, {@code local}).
 * Buckets of callers idle for a day are forgotten. Thread-safe.
 *
 * <pre>{@code
 * RateLimiter.Decision d = limiter.tryQuery(caller);
 * if (!d.allowed()) { ... 429, Retry-After: d.retryAfter() ... }
 * QueryResult result = ...;
 * limiter.chargeTokens(caller, result.answer().generation().usage().totalTokens());
 * }</pre>
 */
public final class RateLimiter {
    private final RateLimitSettings settings;
    private final TimeMeter time;
    private final Cache<String, Buckets> buckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofDays(1)).build();

    public RateLimiter(RateLimitSettings settings) {
        this(settings, TimeMeter.SYSTEM_MILLISECONDS);
    }

    /** With a clock of its own (tests). */
    RateLimiter(RateLimitSettings settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
    }

    /** False when nothing is limited: callers may skip the bookkeeping. */
    public boolean enabled() {
        return !settings.unlimited();
    }

    /**
     * Takes one question from the caller's buckets, or none when one of them is empty (then a bucket already charged
     * is refunded, so a refused question costs nothing).
     */
    public Decision tryQuery(Caller caller) {
        List<Buckets> applicable = applicable(caller);
        Decision tightest = Decision.UNLIMITED;
        List<Bucket> charged = new ArrayList<>();
        for (Buckets b : applicable) {
            if (b.tokens.isPresent() && b.tokens.get().getAvailableTokens() <= 0) {
                refund(charged);
                long wait = b.tokens.get().estimateAbilityToConsume(1).getNanosToWaitForRefill();
                return Decision.refused(b.scope + " tokens per day", b.limits.tokensPerDay(), Duration.ofNanos(wait));
            }
            if (b.queries.isEmpty()) {
                continue;
            }
            ConsumptionProbe probe = b.queries.get().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                refund(charged);
                return Decision.refused(
                        b.scope + " queries per minute",
                        b.limits.queriesPerMinute(),
                        Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
            charged.add(b.queries.get());
            Decision d = new Decision(
                    true,
                    b.limits.queriesPerMinute(),
                    probe.getRemainingTokens(),
                    Duration.ofNanos(probe.getNanosToWaitForReset()),
                    Duration.ZERO,
                    b.scope + " queries per minute");
            if (tightest.limit() == 0 || d.remaining() < tightest.remaining()) {
                tightest = d;
            }
        }
        return tightest;
    }

    /** Charges the model tokens an answer used to the caller's daily buckets. */
    public void chargeTokens(Caller caller, long tokens) {
        if (tokens <= 0) {
            return;
        }
        for (Buckets b : applicable(caller)) {
            b.tokens.ifPresent(bucket -> bucket.consumeIgnoringRateLimits(tokens));
        }
    }

    private static void refund(List<Bucket> charged) {
        charged.forEach(bucket -> bucket.addTokens(1));
    }

    private List<Buckets> applicable(Caller caller) {
        List<Buckets> out = new ArrayList<>(2);
        String keyId = caller.actor().startsWith("key:") ? caller.actor().substring(4) : caller.actor();
        Limits keyLimits = settings.keys().getOrDefault(keyId, settings.perKey());
        if (!keyLimits.equals(Limits.NONE)) {
            out.add(buckets.get(
                    "actor\0" + caller.tenant() + "\0" + caller.actor(), k -> new Buckets("key", keyLimits)));
        }
        Limits tenantLimits = settings.tenants().getOrDefault(caller.tenant(), Limits.NONE);
        if (!tenantLimits.equals(Limits.NONE)) {
            out.add(buckets.get("tenant\0" + caller.tenant(), k -> new Buckets("tenant", tenantLimits)));
        }
        return out;
    }

    /** One caller's (or tenant's) buckets: questions per minute and tokens per day, each when limited. */
    private final class Buckets {
        final String scope;
        final Limits limits;
        final Optional<Bucket> queries;
        final Optional<Bucket> tokens;

        Buckets(String scope, Limits limits) {
            this.scope = scope;
            this.limits = limits;
            this.queries = limits.queriesPerMinute() == 0
                    ? Optional.empty()
                    : Optional.of(bucket(limits.queriesPerMinute(), Duration.ofMinutes(1)));
            this.tokens = limits.tokensPerDay() == 0
                    ? Optional.empty()
                    : Optional.of(bucket(limits.tokensPerDay(), Duration.ofDays(1)));
        }

        private Bucket bucket(long capacity, Duration period) {
            return Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .withCustomTimePrecision(time)
                    .build();
        }
    }

    /**
     * Whether a question may go ahead, and what the {@code RateLimit-*} headers report.
     *
     * @param allowed false when a bucket is empty
     * @param limit the capacity of the tightest bucket; 0 when nothing is limited
     * @param remaining questions left in it
     * @param reset when it is full again
     * @param retryAfter when refused: how long until one more question fits
     * @param policy which limit decided, e.g. {@code key queries per minute}
     */
    public record Decision(
            boolean allowed, long limit, long remaining, Duration reset, Duration retryAfter, String policy) {
        static final Decision UNLIMITED = new Decision(true, 0, 0, Duration.ZERO, Duration.ZERO, "none");

        static Decision refused(String policy, long limit, Duration retryAfter) {
            return new Decision(false, limit, 0, retryAfter, retryAfter, policy);
        }
    }
}
