package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentInfo;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.Completion;
import dev.verity.ingestion.jobs.Job;
import dev.verity.ingestion.jobs.JobStatus;
import dev.verity.ingestion.jobs.JobStore;
import dev.verity.ingestion.jobs.NewJob;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.testkit.fakes.TestChunks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do; the document store shares its database (completions write both). */
public abstract class JobStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final IngestOptions OPTIONS = IngestOptions.into("default").withAcl(Set.of("hr", "finance"));
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    /** A job store and a document store on one fresh database. */
    public record Stores(JobStore jobs, DocumentStore documents) {}

    protected abstract Stores openStores();

    private JobStore jobs;
    private DocumentStore documents;

    @BeforeEach
    void open() {
        Stores stores = openStores();
        jobs = stores.jobs();
        documents = stores.documents();
    }

    private BatchStatus submit(String... sources) {
        List<NewJob> batch = new ArrayList<>();
        for (String source : sources) {
            batch.add(NewJob.stored(source, SHA_A, 100));
        }
        return jobs.submit(OPTIONS, batch, T0);
    }

    @Test
    void aBatchKeepsItsFilesInOrderAndRecordsRefusedOnesAsRejectedAtOnce() {
        BatchStatus batch = jobs.submit(
                OPTIONS,
                List.of(
                        NewJob.stored("a.pdf", SHA_A, 100),
                        NewJob.refused("empty.txt", 0, new Rejection(RejectionReason.EMPTY, "the file is empty")),
                        NewJob.stored("b.pdf", SHA_B, 300)),
                T0);

        assertThat(batch.id()).startsWith("b_");
        assertThat(batch.total()).isEqualTo(3);
        assertThat(batch.queued()).isEqualTo(2);
        assertThat(batch.rejected()).isEqualTo(1);
        assertThat(batch.bytesTotal()).isEqualTo(400);
        List<Job> all = jobs.jobs(batch.id());
        assertThat(all).extracting(Job::source).containsExactly("a.pdf", "empty.txt", "b.pdf");
        assertThat(all).extracting(Job::status).containsExactly(JobStatus.QUEUED, JobStatus.REJECTED, JobStatus.QUEUED);
        assertThat(all.get(1).result().rejection()).map(r -> r.reason()).contains(RejectionReason.EMPTY);
        assertThat(all.get(0).options()).isEqualTo(OPTIONS);
        assertThat(all.get(0).blobSha256()).contains(SHA_A);
    }

    @Test
    void jobsAreCountedByStatusWithEveryStatusPresent() {
        assertThat(jobs.countByStatus())
                .hasSize(JobStatus.values().length)
                .allSatisfy((status, n) -> assertThat(n).isZero());
        jobs.submit(
                OPTIONS,
                List.of(
                        NewJob.stored("a.pdf", SHA_A, 100),
                        NewJob.refused("empty.txt", 0, new Rejection(RejectionReason.EMPTY, "the file is empty")),
                        NewJob.stored("b.pdf", SHA_B, 300)),
                T0);
        jobs.lease("w1", 1, T0, LEASE);

        Map<JobStatus, Long> counts = jobs.countByStatus();

        assertThat(counts)
                .containsEntry(JobStatus.QUEUED, 1L)
                .containsEntry(JobStatus.RUNNING, 1L)
                .containsEntry(JobStatus.REJECTED, 1L)
                .containsEntry(JobStatus.INDEXED, 0L);
    }

    @Test
    void leasesTakeTheOldestReadyJobsOnceEach() {
        submit("1.txt", "2.txt", "3.txt");

        List<Job> first = jobs.lease("w1", 2, T0, LEASE);
        List<Job> second = jobs.lease("w2", 2, T0, LEASE);

        assertThat(first).extracting(Job::source).containsExactly("1.txt", "2.txt");
        assertThat(first).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(j.leases()).isEqualTo(1);
        });
        assertThat(second).extracting(Job::source).containsExactly("3.txt");
        assertThat(jobs.lease("w3", 2, T0, LEASE)).isEmpty();
    }

    @Test
    void concurrentWorkersNeverTakeTheSameJob() throws Exception {
        submit(IntStream.range(0, 60).mapToObj(i -> "f" + i + ".txt").toArray(String[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Job>>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                Callable<List<Job>> take = () -> {
                    List<Job> mine = new ArrayList<>();
                    List<Job> got;
                    while (!(got = jobs.lease(worker, 3, T0, LEASE)).isEmpty()) {
                        mine.addAll(got);
                    }
                    return mine;
                };
                futures.add(pool.submit(take));
            }
            List<String> taken = new ArrayList<>();
            for (Future<List<Job>> f : futures) {
                f.get().forEach(j -> taken.add(j.id()));
            }
            assertThat(taken).hasSize(60).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseMakesTheJobAvailableAgainUnlessRenewed() {
        submit("a.txt", "b.txt");
        List<Job> taken = jobs.lease("w1", 2, T0, LEASE);
        jobs.extend("w1", List.of(taken.get(0).id()), T0.plus(LEASE.multipliedBy(3)));

        List<Job> later = jobs.lease("w2", 5, T0.plus(LEASE).plusSeconds(1), LEASE);

        assertThat(later).extracting(Job::source).containsExactly("b.txt");
        assertThat(later.get(0).leases()).isEqualTo(2);
    }

    @Test
    void twoJobsOfTheSameDocumentAreNeverRunningAtOnce() {
        submit("same.txt");
        submit("same.txt", "other.txt");

        List<Job> taken = jobs.lease("w1", 5, T0, LEASE);

        assertThat(taken).extracting(Job::source).containsExactly("same.txt", "other.txt");
        Job first = taken.get(0);
        jobs.complete("w1", List.of(new Completion(first.id(), unchanged(first), Optional.empty())), T0);
        assertThat(jobs.lease("w1", 5, T0, LEASE)).extracting(Job::source).containsExactly("same.txt");
    }

    @Test
    void completionWritesTheResultAndTheDocumentRecordTogether() {
        BatchStatus batch = submit("a.txt", "b.txt");
        List<Job> taken = jobs.lease("w1", 2, T0, LEASE);
        Job a = taken.get(0);
        Job b = taken.get(1);
        DocumentInfo info = TestChunks.document("a.txt").acl("hr", "finance").build();
        IngestResult indexed = new IngestResult("a.txt", IngestStatus.INDEXED, Optional.empty(), info.id(), 4, 1);
        IngestResult rejected = new IngestResult(
                "b.txt",
                IngestStatus.REJECTED,
                Optional.of(new Rejection(RejectionReason.CORRUPT, "the PDF is truncated")),
                b.documentId(),
                0,
                0);

        Set<String> done = jobs.complete(
                "w1",
                List.of(
                        new Completion(a.id(), indexed, Optional.of(new DocumentRecord(info, 4, 100, 2))),
                        new Completion(b.id(), rejected, Optional.empty())),
                T0.plusSeconds(5));

        assertThat(done).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(documents.find(info.tenant(), info.id()))
                .map(DocumentRecord::chunkCount)
                .contains(4);
        assertThat(jobs.job(a.id()).orElseThrow().result()).isEqualTo(indexed);
        assertThat(jobs.job(b.id()).orElseThrow().result()).isEqualTo(rejected);
        BatchStatus status = jobs.batch(batch.id()).orElseThrow();
        assertThat(status.finished()).isTrue();
        assertThat(status.indexed()).isEqualTo(1);
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.bytesDone()).isEqualTo(200);
        assertThat(status.finishedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void completionWritesTheDocumentsFoundInsideAndDeletesTheOnesNoLongerThere() {
        submit("bundle.zip");
        Job job = jobs.lease("w1", 1, T0, LEASE).getFirst();
        DocumentInfo zip = TestChunks.document("bundle.zip").build();
        DocumentInfo kept = TestChunks.document("bundle.zip ▸ kept.txt").build();
        DocumentInfo gone = TestChunks.document("bundle.zip ▸ gone.txt").build();
        documents.upsert(new DocumentRecord(gone, 1, 10, 0, Optional.empty(), Optional.of(zip.id())));
        DocumentRecord child = new DocumentRecord(kept, 1, 10, 0, Optional.empty(), Optional.of(zip.id()));
        IngestResult indexed =
                new IngestResult("bundle.zip", IngestStatus.INDEXED, Optional.empty(), zip.id(), 0, 1, 1);

        jobs.complete(
                "w1",
                List.of(new Completion(
                        job.id(),
                        indexed,
                        Optional.of(new DocumentRecord(zip, 0, 100, 0)),
                        List.of(child),
                        List.of(gone.id()))),
                T0.plusSeconds(1));

        assertThat(jobs.job(job.id()).orElseThrow().result()).isEqualTo(indexed);
        assertThat(jobs.job(job.id()).orElseThrow().result().message())
                .isEqualTo("indexed 0 chunks, 1 embedded document (version 1)");
        assertThat(documents.children(zip.tenant(), zip.id())).containsExactly(child);
        assertThat(documents.find(gone.tenant(), gone.id())).isEmpty();
    }

    @Test
    void anIndexedJobIsKeywordSearchableWhenCompletedAndVectorSearchableWhenItsDocumentIsMarked() {
        submit("a.txt", "b.txt", "c.txt");
        List<Job> taken = jobs.lease("w1", 3, T0, LEASE);
        Job a = taken.get(0);
        Job b = taken.get(1);
        Job c = taken.get(2);
        jobs.complete(
                "w1",
                List.of(
                        new Completion(a.id(), unchanged(a), Optional.empty()),
                        new Completion(
                                b.id(),
                                new IngestResult(
                                        "b.txt",
                                        IngestStatus.REJECTED,
                                        Optional.of(new Rejection(RejectionReason.NO_TEXT, "no text")),
                                        b.documentId(),
                                        0,
                                        0),
                                Optional.empty())),
                T0.plusSeconds(1));

        jobs.markVectorSearchable(List.of(a.documentId(), b.documentId(), c.documentId()), T0.plusSeconds(7));
        jobs.markVectorSearchable(List.of(a.documentId()), T0.plusSeconds(9)); // the first time is kept

        Job doneA = jobs.job(a.id()).orElseThrow();
        assertThat(doneA.keywordSearchableAt()).contains(T0.plusSeconds(1));
        assertThat(doneA.vectorSearchableAt()).contains(T0.plusSeconds(7));
        Job rejected = jobs.job(b.id()).orElseThrow();
        assertThat(rejected.keywordSearchableAt()).isEmpty();
        assertThat(rejected.vectorSearchableAt()).isEmpty();
        Job running = jobs.job(c.id()).orElseThrow();
        assertThat(running.vectorSearchableAt()).as("not terminal yet").isEmpty();
    }

    @Test
    void aWorkerThatLostItsLeaseCannotCompleteTheJobNorWriteItsDocument() {
        submit("a.txt");
        Job job = jobs.lease("w1", 1, T0, LEASE).getFirst();
        jobs.lease("w2", 1, T0.plus(LEASE).plusSeconds(1), LEASE); // w1's lease ran out: w2 took it
        DocumentInfo info = TestChunks.document("a.txt").build();

        Set<String> done = jobs.complete(
                "w1",
                List.of(new Completion(
                        job.id(),
                        new IngestResult("a.txt", IngestStatus.INDEXED, Optional.empty(), info.id(), 1, 1),
                        Optional.of(new DocumentRecord(info, 1, 100, 1)))),
                T0);

        assertThat(done).isEmpty();
        assertThat(documents.find(info.tenant(), info.id())).isEmpty();
        assertThat(jobs.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aRetriedJobWaitsForItsTimeAndCountsTheAttempt() {
        submit("a.txt");
        Job job = jobs.lease("w1", 1, T0, LEASE).getFirst();

        jobs.retryLater("w1", job.id(), new Rejection(RejectionReason.FAILED, "model unavailable"), T0.plusSeconds(10));

        assertThat(jobs.lease("w1", 1, T0.plusSeconds(5), LEASE)).isEmpty();
        Job again = jobs.lease("w1", 1, T0.plusSeconds(10), LEASE).getFirst();
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.rejection()).map(Rejection::detail).contains("model unavailable");
    }

    @Test
    void aQuarantinedJobIsTerminalUntilRetriedByHand() {
        BatchStatus batch = submit("a.txt");
        Job job = jobs.lease("w1", 1, T0, LEASE).getFirst();

        jobs.quarantine("w1", job.id(), new Rejection(RejectionReason.FAILED, "index unavailable"), T0);

        Job quarantined = jobs.job(job.id()).orElseThrow();
        assertThat(quarantined.status()).isEqualTo(JobStatus.QUARANTINED);
        assertThat(quarantined.result().status()).isEqualTo(IngestStatus.QUARANTINED);
        assertThat(jobs.batch(batch.id()).orElseThrow().finished()).isTrue();
        assertThat(jobs.lease("w1", 1, T0.plusSeconds(60), LEASE)).isEmpty();
        assertThat(jobs.unreferenced(List.of(SHA_A))).isEmpty(); // its original is kept for the retry

        assertThat(jobs.retry("globex", batch.id(), T0.plusSeconds(60)))
                .as("another tenant cannot retry it")
                .isZero();
        assertThat(jobs.retry("default", batch.id(), T0.plusSeconds(60))).isEqualTo(1);
        Job retried = jobs.lease("w1", 1, T0.plusSeconds(60), LEASE).getFirst();
        assertThat(retried.attempts()).isZero();
        assertThat(retried.leases()).isEqualTo(1);
    }

    @Test
    void anotherTenantsBatchesAndJobsAreInvisible() {
        BatchStatus ours = submit("a.txt");
        BatchStatus theirs = jobs.submit(
                new IngestOptions("globex", "default", Set.of()),
                List.of(NewJob.stored("b.txt", SHA_A, 10)),
                T0.plusSeconds(1));
        Job theirJob = jobs.jobs(theirs.id()).getFirst();

        assertThat(jobs.batch("default", theirs.id())).isEmpty();
        assertThat(jobs.batch("globex", theirs.id())).contains(theirs);
        assertThat(jobs.batches("default", 10)).extracting(BatchStatus::id).containsExactly(ours.id());
        assertThat(jobs.batches("globex", 10)).extracting(BatchStatus::id).containsExactly(theirs.id());
        assertThat(jobs.jobs("default", theirs.id())).isEmpty();
        assertThat(jobs.job("default", theirJob.id())).isEmpty();
        assertThat(jobs.job("globex", theirJob.id())).contains(theirJob);
        assertThat(jobs.jobs("default", ours.id())).hasSize(1);
    }

    @Test
    void runningJobsCanAllBeTakenBackByTheOnlyWorker() {
        submit("a.txt", "b.txt");
        jobs.lease("dead-worker", 2, T0, LEASE);

        assertThat(jobs.requeueRunning()).isEqualTo(2);
        assertThat(jobs.lease("w1", 5, T0, LEASE)).hasSize(2);
    }

    @Test
    void originalsAreUnreferencedWhenNoDocumentNorPendingJobNeedsThem() {
        submit("a.txt");
        String unused = "c".repeat(64);
        DocumentInfo info = TestChunks.document("b.txt").contentSha256(SHA_B).build();
        documents.upsert(new DocumentRecord(info, 1, 10, 1));

        assertThat(jobs.unreferenced(List.of(SHA_A, SHA_B, unused))).containsExactly(unused);
    }

    @Test
    void referencedOriginalsAreThoseOfDocumentsAndOfPendingJobs() {
        submit("a.txt");
        DocumentInfo info = TestChunks.document("b.txt").contentSha256(SHA_B).build();
        documents.upsert(new DocumentRecord(info, 1, 10, 1));

        assertThat(jobs.referenced()).containsExactlyInAnyOrder(SHA_A, SHA_B);
    }

    @Test
    void batchesAreListedNewestFirst() {
        BatchStatus older = jobs.submit(OPTIONS, List.of(NewJob.stored("a.txt", SHA_A, 1)), T0);
        BatchStatus newer = jobs.submit(OPTIONS, List.of(NewJob.stored("b.txt", SHA_A, 1)), T0.plusSeconds(1));

        assertThat(jobs.batches(10)).extracting(BatchStatus::id).containsExactly(newer.id(), older.id());
        Set<String> ids = new HashSet<>();
        jobs.batches(10).forEach(b -> ids.add(b.collection()));
        assertThat(ids).containsExactly("default");
    }

    private static IngestResult unchanged(Job job) {
        return new IngestResult(job.source(), IngestStatus.UNCHANGED, Optional.empty(), job.documentId(), 1, 1);
    }
}
