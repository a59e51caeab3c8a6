/**
 * Conversations with a language model: {@link dev.verity.llm.conversation.LlmQuestionCondenser} rewrites follow-up
 * questions into standalone ones, falling back to {@link dev.verity.conversation.RuleBasedCondenser}.
 */
@NullMarked
package dev.verity.llm.conversation;

import org.jspecify.annotations.NullMarked;
