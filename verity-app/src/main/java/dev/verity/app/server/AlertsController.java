package dev.verity.app.server;

import dev.verity.app.json.AlertView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.observability.alerts.AlertLog;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alerts an administrator (scope {@code admin}) may see: their tenant's and the service-wide ones, newest first,
 * with how delivery to the webhook went. Alerts hold rule names and numbers, never question text.
 */
@RestController
class AlertsController {
    private final AlertLog alerts;

    AlertsController(AlertLog alerts) {
        this.alerts = alerts;
    }

    /** The alerts, newest first. */
    record AlertsResponse(List<AlertView> alerts) {}

    @GetMapping("/v1/alerts")
    @Operation(
            operationId = "listAlerts",
            summary = "Alerts of the caller's tenant and the whole service, newest first")
    AlertsResponse list(
            @CurrentCaller(Scope.ADMIN) Caller caller, @RequestParam(value = "limit", defaultValue = "50") int limit) {
        AlertLog.checkLimit(limit);
        return new AlertsResponse(alerts.recent(Optional.of(caller.tenant()), limit).stream()
                .map(AlertView::of)
                .toList());
    }
}
