/**
 * Alert delivery in the server: every alert recorded in the database and posted to a webhook
 * ({@code VERITY_ALERT_WEBHOOK_URL}) off the caller's path, with retries; and the drift monitor's schedule.
 */
@NullMarked
package dev.verity.app.observability.alerts;

import org.jspecify.annotations.NullMarked;
