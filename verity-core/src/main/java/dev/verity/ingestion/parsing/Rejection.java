package dev.verity.ingestion.parsing;

import dev.verity.internal.Checks;
import java.util.Objects;

/**
 * A typed refusal to index a file: the reason code, what went wrong in this file, and what to do about it.
 *
 * @param reason the category, with a stable code
 * @param detail what was found in this file, e.g. "the PDF is protected by a password"
 */
public record Rejection(RejectionReason reason, String detail) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Checks.nonBlank(detail, "detail");
    }

    /** The message for people: what happened, then what to do. */
    public String message() {
        String sentence = detail.endsWith(".") ? detail : detail + ".";
        return sentence + " " + reason.advice();
    }
}
