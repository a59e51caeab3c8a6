/**
 * Conversations with a language model: {@link dev.verity.llm.conversation.LlmQuestionCondenser} rewrites follow-up
 * questions into standalone ones, falling back to {@link dev.verity.conversation.RuleBasedCondenser}.
 */
package dev.verity.llm.conversation;
