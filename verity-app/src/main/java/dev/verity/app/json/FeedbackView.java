package dev.verity.app.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.runs.Feedback;
import org.jspecify.annotations.Nullable;

/**
 * Feedback on an answer as stored, returned by {@code POST /v1/feedback} and shown in a run: the rating ({@code up}
 * or {@code down}), the comment scrubbed of personal data (null without one), who gave it and when.
 */
public record FeedbackView(
        @JsonProperty("trace_id") String traceId,
        String rating,
        @Nullable String comment,
        String actor,
        String at) {

    public static FeedbackView of(Feedback f) {
        return new FeedbackView(f.traceId(), f.rating().code(), f.comment().orElse(null), f.actor(), f.at().toString());
    }
}
