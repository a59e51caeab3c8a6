package dev.verity.conversation;

import java.util.List;
import java.util.Optional;

/**
 * Conversations and their turns. Implementations: {@code JdbcConversationStore} (H2 or PostgreSQL) in
 * {@code verity-jdbc}.
 *
 * <p>The store does not check principals: {@link dev.verity.conversation.ConversationService} does, before any
 * read or write.
 */
public interface ConversationStore {

    /** Stores a new conversation; fails when its id is taken. */
    void create(Conversation conversation);

    /** The conversation of this tenant with this id; another tenant's conversation is not found (filtered in the query). */
    Optional<Conversation> find(String tenant, String conversationId);

    /**
     * Appends a turn with the next number of its conversation (1 for the first). Concurrent appends to one
     * conversation get distinct numbers, without gaps.
     *
     * @return the stored turn, numbered
     * @throws IllegalArgumentException when no conversation has this id
     */
    Turn append(String conversationId, Turn.Draft draft);

    /** The last {@code limit} turns of a conversation, oldest first; empty for an unknown id. */
    List<Turn> recent(String conversationId, int limit);
}
