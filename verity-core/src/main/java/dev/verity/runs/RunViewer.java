package dev.verity.runs;

import dev.verity.internal.Checks;

/**
 * Who is looking at runs: a caller sees the runs they asked; a tenant's admin sees every run of the tenant. Nobody
 * sees another tenant's.
 *
 * @param tenant the caller's tenant
 * @param actor the caller, as the audit log names callers
 * @param admin true for a tenant admin
 */
public record RunViewer(String tenant, String actor, boolean admin) {
    public RunViewer {
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(actor, "actor");
    }

    /** True when this viewer may see {@code run}. */
    public boolean sees(AnswerRun run) {
        return run.tenant().equals(tenant) && (admin || run.actor().equals(actor));
    }

    /** {@code query} narrowed to what this viewer may see: their tenant, and their own runs unless admin. */
    public RunQuery scope(RunQuery query) {
        RunQuery own =
                new RunQuery(tenant, query.actor(), query.outcome(), query.rating(), query.since(), query.limit());
        return admin ? own : own.actor(actor);
    }
}
