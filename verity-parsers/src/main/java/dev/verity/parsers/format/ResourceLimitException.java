package dev.verity.parsers.format;

/**
 * A safety limit for untrusted input fired while reading a file (zip expansion, XML nesting, image size). Unchecked
 * so that it passes through parser libraries; {@link Failures} turns it into a {@code RESOURCE_LIMIT} rejection whose
 * detail is this message: which limit, the value found, and how to raise it.
 */
public final class ResourceLimitException extends RuntimeException {
    public ResourceLimitException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
