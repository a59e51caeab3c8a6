/**
 * The wire views shared by the command line ({@code --json}) and the HTTP API, so the two can never drift: answers
 * with their citations, ingestion results, batches and jobs, documents and their parse-quality reports.
 *
 * <pre>{@code
 * String json = Json.line(AnswerView.of(result)); // what `verity ask --json` prints and POST /v1/query returns
 * }</pre>
 *
 * <p>Field names are snake_case and part of the API: rename one and clients break.
 */
@NullMarked
package dev.verity.app.json;

import org.jspecify.annotations.NullMarked;
