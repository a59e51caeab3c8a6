/**
 * Writes the shipped sample corpus ({@code samples/corpus} and {@code samples/restricted}): real PDFs, Office files,
 * e-mails and web pages generated from one description, so the end-to-end samples and the golden set can be
 * regenerated exactly.
 *
 * <pre>{@code
 * java -cp verity-testkit.jar dev.verity.testkit.samples.SampleCorpusWriter samples
 * }</pre>
 */
@NullMarked
package dev.verity.testkit.samples;

import org.jspecify.annotations.NullMarked;
