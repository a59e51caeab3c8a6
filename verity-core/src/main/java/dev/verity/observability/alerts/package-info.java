/**
 * Alerts: budgets nearly spent, and latency, cost or quality drifting from their baseline, raised to an
 * {@link dev.verity.observability.alerts.AlertSink}.
 */
@NullMarked
package dev.verity.observability.alerts;

import org.jspecify.annotations.NullMarked;
