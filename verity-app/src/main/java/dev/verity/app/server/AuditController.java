package dev.verity.app.server;

import dev.verity.app.json.AuditEventView;
import dev.verity.app.server.security.CurrentCaller;
import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log of the caller's tenant, for administrators (scope {@code admin}): keys created, rotated and revoked,
 * refused credentials, uploads, deletes, impersonation, guard blocks. Events hold ids, counts and reasons, never
 * question text or personal data.
 */
@RestController
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** The events, oldest first. */
    record AuditResponse(List<AuditEventView> events) {}

    @GetMapping("/v1/admin/audit")
    @Operation(operationId = "listAuditEvents", summary = "Security events of the caller's tenant, newest last")
    AuditResponse list(
            @CurrentCaller(Scope.ADMIN) Caller caller,
            @RequestParam(value = "since", required = false) String since,
            @RequestParam(value = "limit", defaultValue = "100") int limit) {
        AuditLog.checkLimit(limit);
        Optional<Instant> from;
        try {
            from = Optional.ofNullable(since).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "since must be an instant such as 2026-12-01T00:00:00Z, got \"" + since + "\"");
        }
        // the log is shared by the tenants of a data folder: an administrator sees only their own tenant's events
        List<AuditEvent> events = audit.list(from, AuditLog.MAX_LIST).stream()
                .filter(e -> e.tenant().equals(caller.tenant()))
                .toList();
        return new AuditResponse(events.subList(Math.max(0, events.size() - limit), events.size()).stream()
                .map(AuditEventView::of)
                .toList());
    }
}
