package dev.verity.ingestion.parsing;

/**
 * Thrown by a {@link DocumentParser} when a file cannot be indexed for a reason that retrying will not fix. It carries
 * the typed {@link Rejection} that ends up in the ingestion result.
 */
public final class DocumentRejectedException extends Exception {
    private final transient Rejection rejection;

    public DocumentRejectedException(Rejection rejection, Throwable cause) {
        super(rejection.reason().code() + ": " + rejection.detail(), cause);
        this.rejection = rejection;
    }

    public DocumentRejectedException(RejectionReason reason, String detail) {
        this(new Rejection(reason, detail), null);
    }

    public DocumentRejectedException(RejectionReason reason, String detail, Throwable cause) {
        this(new Rejection(reason, detail), cause);
    }

    public Rejection rejection() {
        return rejection;
    }
}
