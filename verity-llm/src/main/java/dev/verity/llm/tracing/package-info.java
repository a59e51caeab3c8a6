/**
 * Model calls as spans with the OpenTelemetry GenAI semantic-convention attributes ({@link
 * dev.verity.llm.tracing.GenAiSpans}): the same on a whole generation ({@code llm}, {@code llm_repair}) and on each
 * provider attempt ({@code llm_call}).
 */
@NullMarked
package dev.verity.llm.tracing;

import org.jspecify.annotations.NullMarked;
