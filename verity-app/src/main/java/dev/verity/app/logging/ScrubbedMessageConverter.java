package dev.verity.app.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its personal data masked: registered in place of Logback's {@code %m}, {@code %msg} and
 * {@code %message}, so every pattern, Spring Boot's included, prints scrubbed messages.
 */
public final class ScrubbedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogScrubber.scrub(event.getFormattedMessage());
    }
}
