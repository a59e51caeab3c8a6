package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.jobs.IngestionWorkers.InFlight;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line names the files in work, so a slow file is seen as slow rather than as a hung command. */
class ProgressBarTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");

    @Test
    void namesTheFilesInFlightWithTheirElapsedTimeLongestFirst() {
        List<InFlight> files = List.of(
                new InFlight("docs/big.pdf", NOW.minusSeconds(42)),
                new InFlight("scan.tiff", NOW.minusSeconds(12)),
                new InFlight("a.txt", NOW));

        assertThat(ProgressBar.inFlightText(files, NOW))
                .isEqualTo("3 in flight: big.pdf 42 s, scan.tiff 12 s, a.txt 0 s");
    }

    @Test
    void namesAtMostThreeAndSaysNothingWhenNoneIsInFlight() {
        List<InFlight> files = List.of(
                new InFlight("a", NOW.minusSeconds(4)),
                new InFlight("b", NOW.minusSeconds(3)),
                new InFlight("c", NOW.minusSeconds(2)),
                new InFlight("d", NOW.minusSeconds(1)));

        assertThat(ProgressBar.inFlightText(files, NOW)).isEqualTo("4 in flight: a 4 s, b 3 s, c 2 s, …");
        assertThat(ProgressBar.inFlightText(List.of(), NOW)).isEmpty();
    }
}
