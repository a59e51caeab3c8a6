package dev.verity.conversation;

/**
 * No conversation with this id is visible to the caller: it does not exist, or it belongs to other principals. The
 * two cases are deliberately indistinguishable.
 */
public final class ConversationNotFoundException extends RuntimeException {
    public ConversationNotFoundException(String conversationId) {
        super("no conversation " + conversationId + " is visible to these principals: check the id and that the"
                + " principals are exactly those the conversation was started with");
    }
}
