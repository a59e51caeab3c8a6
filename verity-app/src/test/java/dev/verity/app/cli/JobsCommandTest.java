package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.jobs.Job;
import dev.verity.ingestion.jobs.JobStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobsCommandTest {
    private static final Instant QUEUED = Instant.parse("2026-12-07T10:00:00Z");

    private static Job indexed(Optional<Instant> keyword, Optional<Instant> vector) {
        return new Job(
                "j_1",
                "b_1",
                0,
                "a.pdf",
                "doc_1",
                IngestOptions.into("default"),
                Optional.of("a".repeat(64)),
                100,
                JobStatus.INDEXED,
                0,
                1,
                Optional.empty(),
                3,
                1,
                QUEUED,
                keyword,
                0,
                keyword,
                vector);
    }

    @Test
    void saysWhenAFileBecameSearchableByKeywordAndByMeaningCountedFromItsQueueing() {
        Job job = indexed(Optional.of(QUEUED.plusMillis(1_200)), Optional.of(QUEUED.plusMillis(4_500)));

        assertThat(JobsCommand.searchable(job))
                .isEqualTo(" (searchable by keyword after 1.2 s, by meaning after 4.5 s)");
    }

    @Test
    void saysAFileWaitsForItsVectorsUntilTheyAreIn() {
        Job job = indexed(Optional.of(QUEUED.plusMillis(800)), Optional.empty());

        assertThat(JobsCommand.searchable(job))
                .isEqualTo(" (searchable by keyword after 0.8 s, by meaning once its vectors are in)");
    }

    @Test
    void saysNothingOfAFileNotSearchable() {
        assertThat(JobsCommand.searchable(indexed(Optional.empty(), Optional.empty())))
                .isEmpty();
    }
}
