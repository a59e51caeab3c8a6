/**
 * Conversations: follow-up questions answered with the history in mind.
 *
 * <p>Retrieval sees one question and no history, so a follow-up such as "How many days do they get?" is first
 * condensed into a standalone question ({@link dev.verity.conversation.QuestionCondenser}): by a language model when
 * one is configured, by {@link dev.verity.conversation.RuleBasedCondenser} otherwise or when the model fails. The
 * standalone question is then answered like any query, and the turn is stored
 * ({@link dev.verity.conversation.ConversationStore}).
 *
 * <pre>{@code
 * ConversationService conversations = new ConversationService(store, queryService, new RuleBasedCondenser(), clock);
 * Conversation c = conversations.start("default", Set.of());
 * conversations.ask(c.id(), new Message("What is the vacation policy for staff?", Set.of()), AnswerListener.none());
 * Reply reply = conversations.ask(c.id(), new Message("How many days do they get?", Set.of()), AnswerListener.none());
 * }</pre>
 *
 * A conversation belongs to the exact set of principals that started it: its turns quote answers drawn from documents
 * those principals may see. Anyone else gets {@link dev.verity.conversation.ConversationNotFoundException}, as for an
 * id that does not exist.
 */
@NullMarked
package dev.verity.conversation;

import org.jspecify.annotations.NullMarked;
