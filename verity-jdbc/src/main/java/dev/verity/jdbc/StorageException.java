package dev.verity.jdbc;

/** A database statement failed. Usually transient (connection lost, lock timeout): retrying may help. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
