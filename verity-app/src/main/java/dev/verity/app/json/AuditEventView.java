package dev.verity.app.json;

import dev.verity.audit.AuditEvent;
import java.util.Map;

/** One audit event as {@code verity audit --json} and {@code GET /v1/admin/audit} show it. */
public record AuditEventView(
        String at,
        String type,
        String actor,
        String tenant,
        String target,
        String outcome,
        Map<String, String> details) {

    public static AuditEventView of(AuditEvent e) {
        return new AuditEventView(
                e.at().toString(), e.type(), e.actor(), e.tenant(), e.target(), e.outcome(), e.details());
    }
}
