package dev.verity.usage.budget;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The maximum cost of one model call, held in its budgets until the call is {@linkplain #settle settled}; or a
 * refusal, when holding it could pass a hard limit. Settle every granted reservation exactly once, in a
 * {@code finally} or on both paths: an unsettled one keeps its maximum reserved for the rest of the period.
 */
public final class Reservation {
    private final SpendControl owner;
    private final List<?> accounts;
    private final double maxUsd;
    private final Optional<String> refusal;
    private final AtomicBoolean settled = new AtomicBoolean();

    Reservation(SpendControl owner, List<?> accounts, double maxUsd, Optional<String> refusal) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.accounts = List.copyOf(accounts);
        this.maxUsd = maxUsd;
        this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    /** True when the call may be made. */
    public boolean granted() {
        return refusal.isEmpty();
    }

    /** Why the call may not be made: which budget, how far spent, what to do. Empty when granted. */
    public Optional<String> refusal() {
        return refusal;
    }

    /** What was held. */
    public double maxUsd() {
        return maxUsd;
    }

    /**
     * Counts what the call really cost and releases the rest of the maximum. A failed call settles what it spent, often
     * 0. Later calls of this method are ignored; so is settling a refusal.
     *
     * @param spentUsd the call's cost, {@code >= 0}
     */
    public void settle(double spentUsd) {
        if (!(spentUsd >= 0) || !Double.isFinite(spentUsd)) {
            throw new IllegalArgumentException("spentUsd must be a finite number >= 0, got " + spentUsd);
        }
        if (!granted() || !settled.compareAndSet(false, true)) {
            return;
        }
        owner.settle(this, spentUsd);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> accounts() {
        return (List<T>) accounts;
    }
}
