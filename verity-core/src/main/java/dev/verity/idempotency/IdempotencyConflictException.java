package dev.verity.idempotency;

/**
 * An {@code Idempotency-Key} that cannot be honoured: it was used for a different request (use a new key), or the
 * request it names is still running ({@link #inProgress()}: retry shortly). The HTTP API answers 422 and 409.
 */
public final class IdempotencyConflictException extends RuntimeException {
    private final boolean inProgress;

    public IdempotencyConflictException(boolean inProgress, String message) {
        super(message);
        this.inProgress = inProgress;
    }

    /** True when the key's first request is still running; false when the key belongs to another request. */
    public boolean inProgress() {
        return inProgress;
    }
}
