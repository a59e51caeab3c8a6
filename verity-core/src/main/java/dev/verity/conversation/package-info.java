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
 * Caller caller = Caller.local(Set.of());
 * Conversation c = conversations.start(caller, "default");
 * conversations.ask(caller, c.id(), new Message("What is the vacation policy for staff?"), AnswerListener.none());
 * Reply reply = conversations.ask(caller, c.id(), new Message("How many days do they get?"), AnswerListener.none());
 * }</pre>
 *
 * A conversation belongs to the tenant and the exact set of principals (in their normal form,
 * {@link dev.verity.identity.Principals}) that started it: its turns quote answers drawn from documents those
 * principals may see. Anyone else gets {@link dev.verity.conversation.ConversationNotFoundException}, as for an
 * id that does not exist.
 */
@NullMarked
package dev.verity.conversation;

import org.jspecify.annotations.NullMarked;
