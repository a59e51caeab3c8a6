package dev.verity.jdbc;

/** The database cannot be reached, opened or migrated. The message names the cause and the URL (never a password). */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
