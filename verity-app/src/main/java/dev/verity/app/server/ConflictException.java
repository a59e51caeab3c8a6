package dev.verity.app.server;

import org.springframework.http.HttpStatus;

/** The request conflicts with the state of the server (a reused or busy idempotency key); answered as its status. */
final class ConflictException extends RuntimeException {
    private final HttpStatus status;

    ConflictException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
