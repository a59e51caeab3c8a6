package dev.verity.app.server;

import dev.verity.app.limits.RateLimiter;
import dev.verity.audit.AuditEvent;
import dev.verity.audit.AuditLog;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.identity.Caller;
import dev.verity.query.QueryResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server books once an answer is ready, whichever endpoint gave it: the model tokens it cost, against the
 * caller's daily quota ({@link RateLimiter}), and a guard's refusal, in the audit log (which guard, its labels and
 * the endpoint — never the question).
 */
final class AnswerAccounting {
    private static final int MAX_LABELS = 180;

    private final RateLimiter limiter;
    private final AuditLog audit;
    private final Clock clock;

    AnswerAccounting(RateLimiter limiter, AuditLog audit, Clock clock) {
        this.limiter = limiter;
        this.audit = audit;
        this.clock = clock;
    }

    /** Books {@code result} for {@code caller} and returns it unchanged. */
    QueryResult settle(Caller caller, QueryResult result, String endpoint) {
        TokenUsage usage = result.answer().generation().usage();
        limiter.chargeTokens(caller, (long) usage.inputTokens() + usage.outputTokens());
        Optional<GuardVerdict> refusal = result.refusal();
        refusal.ifPresent(verdict -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("endpoint", endpoint);
            details.put("guard", verdict.guard());
            String labels = String.join(",", verdict.labels());
            details.put("labels", labels.length() > MAX_LABELS ? labels.substring(0, MAX_LABELS) : labels);
            details.put("trace_id", result.traceId());
            audit.append(new AuditEvent(
                    clock.instant(),
                    AuditEvent.GUARD_BLOCK,
                    caller.actor(),
                    caller.tenant(),
                    "",
                    AuditEvent.DENIED,
                    details));
        });
        return result;
    }
}
