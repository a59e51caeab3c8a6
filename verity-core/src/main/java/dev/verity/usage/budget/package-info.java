/**
 * Budgets: what model calls may cost per tenant and per key, per UTC day and month, with soft limits (a warning and an
 * alert) and hard ones (no further model calls; answers degrade to the extractive answerer with
 * {@code degraded_reason: "budget"}).
 *
 * <p>{@link dev.verity.usage.budget.SpendControl} holds each call's maximum cost before the call
 * ({@link dev.verity.usage.budget.SpendControl#reserve}) and counts its real cost after
 * ({@link dev.verity.usage.budget.Reservation#settle}), so a thousand concurrent questions cannot together pass a hard
 * limit. The services name who pays ({@link dev.verity.usage.budget.Payer#callAs}); the model call reads it.
 *
 * <pre>{@code
 * SpendControl spend = new SpendControl(
 *         List.of(Budget.tenant(Budget.EACH, Budget.Period.DAY, OptionalDouble.of(8), OptionalDouble.of(10))),
 *         ledger, Clock.systemUTC(), alerts);
 * Reservation r = spend.reserve(new Payer("acme", "key:k_3f9a"), 0.012);
 * if (r.granted()) { ... r.settle(0.004); }
 * }</pre>
 *
 * <p>The trap: a reservation must be settled exactly once, also when the call fails; an unsettled one holds its
 * maximum until the period ends.
 */
@NullMarked
package dev.verity.usage.budget;

import org.jspecify.annotations.NullMarked;
