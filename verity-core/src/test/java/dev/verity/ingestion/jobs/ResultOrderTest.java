package dev.verity.ingestion.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The order in which {@link IngestionWorkers#await} hands results to its listener, when a slow file comes first. */
class ResultOrderTest {
    private final List<String> printed = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();

    private IngestionWorkers.Reporter reporter(IngestionWorkers.ResultOrder order) {
        return new IngestionWorkers.Reporter(
                (IngestResult result, int done, int total) -> {
                    printed.add(result.source());
                    counts.add(done);
                },
                3,
                order);
    }

    private static Job job(int seq, String source, JobStatus status) {
        return new Job(
                "j_" + seq,
                "b_1",
                seq,
                source,
                "d_" + seq,
                IngestOptions.into("default"),
                Optional.empty(),
                1,
                status,
                0,
                1,
                Optional.empty(),
                1,
                1,
                Instant.EPOCH,
                Optional.empty());
    }

    @Test
    void asFinishedAFastFileIsReportedWhileASlowOneBeforeItIsStillRunning() {
        IngestionWorkers.Reporter reporter = reporter(IngestionWorkers.ResultOrder.FINISHED);

        reporter.offer(List.of(job(0, "slow.pdf", JobStatus.RUNNING), job(1, "fast.txt", JobStatus.INDEXED)));
        reporter.offer(List.of(job(2, "other.txt", JobStatus.UNCHANGED)));

        assertThat(printed).containsExactly("fast.txt", "other.txt");
        assertThat(reporter.reported()).isEqualTo(2);

        reporter.offer(List.of(job(0, "slow.pdf", JobStatus.INDEXED), job(1, "fast.txt", JobStatus.INDEXED)));

        assertThat(printed).containsExactly("fast.txt", "other.txt", "slow.pdf");
        assertThat(counts).containsExactly(1, 2, 3);
    }

    @Test
    void inInputOrderASlowFirstFileHoldsBackTheOthersAndEachIsReportedOnce() {
        IngestionWorkers.Reporter reporter = reporter(IngestionWorkers.ResultOrder.INPUT);

        reporter.offer(List.of(job(0, "slow.pdf", JobStatus.RUNNING), job(1, "fast.txt", JobStatus.INDEXED)));
        reporter.offer(List.of(job(2, "other.txt", JobStatus.UNCHANGED)));

        assertThat(printed).isEmpty();

        reporter.offer(List.of(job(0, "slow.pdf", JobStatus.INDEXED), job(1, "fast.txt", JobStatus.INDEXED)));

        assertThat(printed).containsExactly("slow.pdf", "fast.txt", "other.txt");
        assertThat(counts).containsExactly(1, 2, 3);
        assertThat(reporter.reported()).isEqualTo(3);
    }
}
