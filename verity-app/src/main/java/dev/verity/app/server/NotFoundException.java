package dev.verity.app.server;

/** The request names something that does not exist; answered with 404. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message);
    }
}
