package dev.verity.runs;

import dev.verity.internal.Checks;
import java.util.Set;

/**
 * Who is looking at runs, and how much of them they may see.
 *
 * <ul>
 *   <li>Which runs: a caller sees the runs they asked (same tenant and actor); a tenant admin every run of the
 *       tenant; nobody another tenant's.
 *   <li>How much of a run: all of it for one's own run, and for a run whose principals the viewer holds every one of
 *       (then every document the run could draw on is one the viewer may see). Otherwise — an admin reading the run of
 *       a caller with principals the admin lacks — the answer, citations, evidence and filters are
 *       {@linkplain AnswerRun#withheld() withheld}: admin rights do not widen which documents one may read.
 * </ul>
 *
 * @param tenant the viewer's tenant
 * @param actor the viewer, as the audit log names callers
 * @param admin true for a tenant admin: sees every run of the tenant
 * @param principals the viewer's principals
 * @param everyDocument true for the operator of the data folder (the CLI), who may read everything in it anyway
 */
public record RunViewer(String tenant, String actor, boolean admin, Set<String> principals, boolean everyDocument) {
    public RunViewer {
        Checks.nonBlank(tenant, "tenant");
        Checks.nonBlank(actor, "actor");
        principals = Set.copyOf(principals);
    }

    /** A caller who sees their own runs only. */
    public static RunViewer caller(String tenant, String actor, Set<String> principals) {
        return new RunViewer(tenant, actor, false, principals, false);
    }

    /** A tenant admin: every run of the tenant, the content of those their principals cover. */
    public static RunViewer admin(String tenant, String actor, Set<String> principals) {
        return new RunViewer(tenant, actor, true, principals, false);
    }

    /** The operator of the data folder (the CLI, actor {@code local}): every run of the tenant, all of it. */
    public static RunViewer operator(String tenant) {
        return new RunViewer(tenant, "local", true, Set.of(), true);
    }

    /** True when this viewer may see {@code run} at all. */
    public boolean sees(AnswerRun run) {
        return run.tenant().equals(tenant) && (admin || run.actor().equals(actor));
    }

    /** {@code run} as this viewer may see it: whole, or with what it drew from documents {@linkplain AnswerRun#withheld() withheld}. */
    public AnswerRun shown(AnswerRun run) {
        boolean whole = everyDocument || run.actor().equals(actor) || principals.containsAll(run.principals());
        return whole ? run : run.withheld();
    }

    /** {@code query} narrowed to what this viewer may see: their tenant, and their own runs unless admin. */
    public RunQuery scope(RunQuery query) {
        RunQuery own =
                new RunQuery(tenant, query.actor(), query.outcome(), query.rating(), query.since(), query.limit());
        return admin ? own : own.actor(actor);
    }
}
