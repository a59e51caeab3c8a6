package dev.verity.parsers.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.parsing.Transcriber.Segment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Subtitle parsing and time stamps; audio and video end to end, through ffmpeg, are in MediaParsingTest. */
class MediaReaderTest {
    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:02,500
            Welcome to the <i>safety</i> briefing.

            2
            00:00:03,000 --> 00:00:04,000
            Exits are at the back.

            3
            00:01:05,000 --> 00:01:07,000
            Helmets are worn
            on the shop floor.
            """;

    @Test
    void srtCuesKeepTheirTimesAndLoseTheirMarkup() {
        assertThat(MediaReader.parseSrt(SRT))
                .containsExactly(
                        new Segment(
                                Duration.ofMillis(1000), Duration.ofMillis(2500), "Welcome to the safety briefing."),
                        new Segment(Duration.ofSeconds(3), Duration.ofSeconds(4), "Exits are at the back."),
                        new Segment(
                                Duration.ofSeconds(65), Duration.ofSeconds(67), "Helmets are worn on the shop floor."));
        assertThat(MediaReader.timestamp(Duration.ofSeconds(3 * 3600 + 192))).isEqualTo("03:03:12");
    }
}
