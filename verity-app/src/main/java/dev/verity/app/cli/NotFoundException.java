package dev.verity.app.cli;

/**
 * Something the user named does not exist (a document, a batch or job, a prompt): printed as one {@code error:} line,
 * exit code {@link ExitCodes#NOT_FOUND}.
 */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
