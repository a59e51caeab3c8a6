/**
 * Drift: the last minutes of answers compared with a longer baseline, and an alert when they are worse.
 *
 * <p>A {@link dev.verity.drift.DriftMonitor} is fed every answer (latency, outcome, cost) and every
 * thumbs up or down, counted in one-minute buckets per tenant (constant work per answer, constant memory per tenant:
 * no list of answers is kept). Every minute a scheduler calls {@link dev.verity.drift.DriftMonitor#evaluate}:
 * each {@link dev.verity.drift.DriftRule} compares the rolling window (default the last 15 minutes)
 * with the baseline (default the 24 hours before the window, or fixed values from the configuration) and raises an
 * {@link dev.verity.observability.alerts.Alert} when the window is worse by the rule's factor and both have enough
 * samples:
 *
 * <pre>{@code
 * DriftMonitor drift = new DriftMonitor(DriftSettings.defaults(), alertSink, Clock.systemUTC());
 * queryService = QueryService.builder(retriever, generator).onAnswer(drift::answered).build();
 * scheduler.scheduleAtFixedRate(drift::evaluate, 1, 1, TimeUnit.MINUTES);
 * }</pre>
 */
@NullMarked
package dev.verity.drift;

import org.jspecify.annotations.NullMarked;
