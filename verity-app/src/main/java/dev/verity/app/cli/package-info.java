/**
 * The commands of {@code verity}: each parses its options, calls the services it needs and prints, as text or, with
 * {@code --json}, as the same views the HTTP API returns.
 *
 * <pre>{@code
 * verity ingest --collection hr --acl hr handbook.pdf     # exit 0, or 3 when some file was rejected
 * verity ask --json "How many days of leave?"
 * }</pre>
 *
 * <p>Every command exits with a code from {@link dev.verity.app.cli.ExitCodes}, the one table listed by
 * {@code verity --help}. Only {@code serve} loads the web server.
 */
@NullMarked
package dev.verity.app.cli;

import org.jspecify.annotations.NullMarked;
