/**
 * What reaches a log line: personal data masked in every message and exception message, and exceptions reduced to one
 * line unless a stack trace is asked for. Wired by the Logback configurations of both modes
 * ({@code verity-cli-logback.xml} for commands, {@code logback-spring.xml} for {@code verity serve}), so it covers
 * libraries' loggers as well as Verity's own.
 *
 * <pre>{@code
 * LogScrubber.scrub("question from ada@example.com"); // "question from [email]"
 * }</pre>
 *
 * <p>A stack trace is printed when {@code VERITY_DEBUG} is set or when the event's logger is enabled at debug level
 * ({@code logging.level.org.springframework.ai=DEBUG}); it is masked too.
 */
@NullMarked
package dev.verity.app.logging;

import org.jspecify.annotations.NullMarked;
