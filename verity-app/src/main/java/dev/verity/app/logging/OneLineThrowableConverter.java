package dev.verity.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import java.util.List;

/**
 * An event's exception as one line — its class and message, and the root cause's — instead of a stack trace, with
 * personal data masked. An unreachable model used to print some 150 lines of nested traces before Verity's fallback
 * answer; the line says the same in words.
 *
 * <p>The whole trace (masked) is printed when {@code VERITY_DEBUG} is set, or when the event's logger is enabled at
 * debug level. Option {@code inline} ({@code %oneLineEx{inline}}) appends the line to the message in parentheses;
 * without it the line follows the message on its own, as Spring Boot's patterns expect.
 */
public final class OneLineThrowableConverter extends ThrowableHandlingConverter {
    private boolean inline;
    private boolean debug;

    @Override
    public void start() {
        List<String> options = getOptionList();
        inline = options != null && options.contains("inline");
        debug = System.getenv("VERITY_DEBUG") != null || Boolean.getBoolean("verity.debug");
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        if (debug || debugEnabled(event)) {
            String trace = LogScrubber.scrub(ThrowableProxyUtil.asString(thrown));
            return inline ? CoreConstants.LINE_SEPARATOR + trace.stripTrailing() : trace;
        }
        String summary = LogScrubber.scrub(summary(thrown));
        return inline
                ? " (" + summary + ")"
                : "  " + summary + " (set VERITY_DEBUG=1 for the stack trace)" + CoreConstants.LINE_SEPARATOR;
    }

    /** {@code Class: message}, then {@code ; root cause Class: message} when the root is another exception. */
    static String summary(IThrowableProxy thrown) {
        IThrowableProxy root = thrown;
        for (int hops = 0; root.getCause() != null && hops < 100; hops++) {
            root = root.getCause();
        }
        String line = describe(thrown);
        return root == thrown ? line : line + "; root cause " + describe(root);
    }

    private static String describe(IThrowableProxy thrown) {
        String name = thrown.getClassName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        String message = thrown.getMessage();
        return message == null
                ? simple
                : simple + ": " + message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private boolean debugEnabled(ILoggingEvent event) {
        if (getContext() instanceof LoggerContext loggers) {
            Logger logger = loggers.exists(event.getLoggerName());
            return logger != null && logger.isDebugEnabled();
        }
        return false;
    }
}
