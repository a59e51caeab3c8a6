/**
 * Configuration, read at the edge: {@link dev.verity.app.config.VerityConfig#from} reads the environment
 * ({@code VERITY_*}) and the optional {@code VERITY_CONFIG} YAML file once, checks every value and hands small
 * records down (LLM chain, embeddings, OCR, parsing, transcription, answers). Nothing below this package reads an
 * environment variable.
 *
 * <pre>{@code
 * VerityConfig config = VerityConfig.from(VerityConfig.resolveDataDir(null, System.getenv()), System.getenv());
 * }</pre>
 *
 * <p>A bad value fails start-up with a message naming the setting and what is allowed; secrets are never logged.
 */
@NullMarked
package dev.verity.app.config;

import org.jspecify.annotations.NullMarked;
