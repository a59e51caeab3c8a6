package dev.verity.ingestion.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.InMemoryAuditLog;
import dev.verity.catalog.DocumentRecord;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.SourceFile;
import dev.verity.testing.Documents;
import dev.verity.testing.MemoryDocumentStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A caller's upload: refused, before anything is stored or queued, when it would replace a document hidden from it. */
class IngestionJobsTest {
    private final MemoryDocumentStore documents = new MemoryDocumentStore();
    private final DocumentRecord memo = Documents.record("default", "default", "memo.txt", Set.of("hr"));
    private final AtomicInteger queued = new AtomicInteger();

    /** Reaching the queue is all these tests look at: the workers are never built. */
    private static final class Queued extends RuntimeException {}

    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final IngestionJobs jobs = new IngestionJobs(
            (JobStore) Proxy.newProxyInstance(
                    JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    }),
            documents,
            () -> {
                queued.incrementAndGet();
                throw new Queued();
            },
            () -> {
                queued.incrementAndGet();
                throw new Queued();
            },
            Clock.systemUTC(),
            audit);

    private static List<SourceFile> upload(String name) {
        return List.of(new SourceFile(Path.of("/tmp/does-not-matter"), name));
    }

    @Test
    void anUploadOverADocumentTheCallerCannotSeeIsRefusedAndQueuesNothing() {
        documents.upsert(memo);
        Caller nobody = Caller.local(Set.of());

        assertThatThrownBy(() -> jobs.submit(nobody, upload("memo.txt"), IngestOptions.into("default")))
                .isInstanceOf(ReplacementRefusedException.class)
                .hasMessage("cannot store \"memo.txt\" in collection default: the name cannot be used by this caller;"
                        + " rename the file and upload it again");

        assertThat(queued).hasValue(0);
        assertThat(documents.find("default", memo.id())).contains(memo);
        assertThat(audit.list(Optional.empty(), 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.UPLOAD);
            assertThat(e.outcome()).isEqualTo(AuditEvent.DENIED);
            assertThat(e.details()).containsEntry("reason", "hidden_document");
        });
    }

    @Test
    void anUploadOverAVisibleDocumentOrANewNameIsQueued() {
        documents.upsert(memo);

        assertThatThrownBy(() ->
                        jobs.submit(Caller.local(Set.of("hr")), upload("memo.txt"), IngestOptions.into("default")))
                .isInstanceOf(Queued.class);
        assertThatThrownBy(() -> jobs.submit(Caller.local(Set.of()), upload("new.txt"), IngestOptions.into("default")))
                .isInstanceOf(Queued.class);
    }

    @Test
    void theSameFileNameInAnotherTenantIsAnotherDocument() {
        documents.upsert(memo);
        Caller globex = new Caller("globex", Set.of(), Set.of(Scope.INGEST), "key:k_globex");

        assertThatThrownBy(
                        () -> jobs.submit(globex, upload("memo.txt"), new IngestOptions("globex", "default", Set.of())))
                .isInstanceOf(Queued.class);
    }

    @Test
    void aCallerCannotIngestIntoAnotherTenant() {
        Caller globex = new Caller("globex", Set.of(), Set.of(Scope.INGEST), "key:k_globex");

        assertThatThrownBy(() -> jobs.submit(globex, upload("a.txt"), IngestOptions.into("default")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a caller of tenant globex cannot ingest into tenant default");
        assertThat(queued).hasValue(0);
    }

    private static Job job(String id, String source, Set<String> acl) {
        return new Job(
                id,
                "b_1",
                0,
                source,
                "doc_" + source,
                new IngestOptions("default", "default", acl),
                Optional.of("sha"),
                10,
                JobStatus.INDEXED,
                1,
                1,
                Optional.empty(),
                1,
                1,
                Instant.EPOCH,
                Optional.of(Instant.EPOCH));
    }

    @Test
    void aJobOfARestrictedUploadIsShownOnlyToCallersHoldingOneOfItsPrincipals() {
        Job restricted = job("j_board", "minutes.pdf", Set.of("group:board"));
        Job open = job("j_open", "handbook.pdf", Set.of());
        JobStore store = (JobStore) Proxy.newProxyInstance(
                JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("jobs") && args.length == 2) {
                        return List.of(restricted, open);
                    }
                    if (method.getName().equals("job") && args.length == 2) {
                        return Optional.of(args[1].equals(restricted.id()) ? restricted : open);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        IngestionJobs withJobs = new IngestionJobs(
                store,
                documents,
                () -> {
                    throw new Queued();
                },
                () -> {
                    throw new Queued();
                },
                Clock.systemUTC(),
                audit);
        Caller staff = Caller.local(Set.of("group:staff"));
        Caller board = Caller.local(Set.of("group:board"));

        assertThat(withJobs.jobs(staff, "b_1")).containsExactly(open);
        assertThat(withJobs.job(staff, restricted.id())).isEmpty();
        assertThat(withJobs.job(staff, open.id())).contains(open);
        assertThat(withJobs.jobs(board, "b_1")).containsExactly(restricted, open);
        assertThat(withJobs.job(board, restricted.id())).contains(restricted);
    }
}
