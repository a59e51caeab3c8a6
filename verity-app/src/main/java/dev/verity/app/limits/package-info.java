/**
 * Rate limits and quotas: questions per minute and model tokens per day, per key and per tenant
 * ({@link dev.verity.app.limits.RateLimiter} over Bucket4j token buckets, configured by
 * {@link dev.verity.app.config.RateLimitSettings}). The HTTP layer asks before answering and answers 429 with
 * {@code Retry-After} when a bucket is empty.
 */
@NullMarked
package dev.verity.app.limits;

import org.jspecify.annotations.NullMarked;
