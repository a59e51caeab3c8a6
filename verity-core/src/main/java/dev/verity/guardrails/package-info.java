/**
 * Guards: checks on what comes in (questions, ingested chunks) and what goes out (answers).
 *
 * <p>One seam, {@link dev.verity.guardrails.Guard Guard&lt;T&gt;}, for all three subjects, rather than three
 * interfaces: a verdict means the same wherever it is given ({@link dev.verity.guardrails.GuardVerdict}: allow, flag
 * or block, with labels and a reason), so one contract suite and one set of combinators serve every guard; and
 * because the interface is generic, this package needs to know neither answers nor queries — the index stores chunk
 * verdicts and sits below generation, so a guard seam that named {@code Answer} here would close a cycle.
 * {@link dev.verity.guardrails.ChunkGuard} is the name the ingestion pipeline knows its {@code Guard<Chunk>} by.
 *
 * <pre>{@code
 * QueryService service = QueryService.builder(retriever, generator)
 *         .questionGuard(question -> question.length() > 500
 *                 ? GuardVerdict.block("length@1", "questions are at most 500 characters here", List.of("too_long"))
 *                 : GuardVerdict.allow("length@1"))
 *         .answerGuard(Guard.allowAll())
 *         .build();
 * }</pre>
 *
 * Where they run: the chunk guard before a chunk is embedded (blocked chunks are not indexed, the verdict of the
 * others is stored with them); the question guard before retrieval and the answer guard after citation checks (a
 * block turns the answer into a refusal: an abstention whose text is {@code Answer.REFUSAL_MESSAGE}, with the verdict
 * in {@code QueryResult.refusal()}). The default everywhere is to allow, unscanned.
 */
@NullMarked
package dev.verity.guardrails;

import org.jspecify.annotations.NullMarked;
