package dev.verity.generation.provider;

import java.util.Objects;

/**
 * One turn of a conversation with a model.
 *
 * @param role who speaks
 * @param content what is said
 */
public record ChatMessage(Role role, String content) {
    public enum Role {
        /** Privileged instructions; never carries retrieved or user text. */
        SYSTEM,
        USER,
        ASSISTANT
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
