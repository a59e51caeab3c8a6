package dev.verity.runs;

/**
 * No run by that trace id that the caller may see: never kept (sampled out, or asked where runs are not recorded),
 * purged past retention, or another caller's (which is not told apart, so nobody learns that it exists).
 */
public final class RunNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunNotFoundException(String traceId) {
        super("no run '" + traceId + "' of yours is kept: runs are kept for a limited time, a share of answered"
                + " questions may not be kept at all, and only the caller who asked can see or rate a run;"
                + " list yours with GET /v1/runs or 'verity runs list'");
    }
}
