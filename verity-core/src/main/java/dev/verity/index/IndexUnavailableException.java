package dev.verity.index;

/**
 * The index cannot be opened or written: it is locked by another process, read-only, or damaged. Retrying only helps
 * once the cause named in the message is gone.
 */
public final class IndexUnavailableException extends RuntimeException {
    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public IndexUnavailableException(String message) {
        super(message);
    }
}
