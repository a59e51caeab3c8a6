package dev.verity.ingestion.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.audit.AuditEvent;
import dev.verity.audit.InMemoryAuditLog;
import dev.verity.catalog.Catalog;
import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.FileSystemBlobStore;
import dev.verity.catalog.OriginalReferences;
import dev.verity.identity.Caller;
import dev.verity.identity.Scope;
import dev.verity.index.InMemoryIndex;
import dev.verity.ingestion.consistency.CatalogService.CollectionSummary;
import dev.verity.testing.Documents;
import dev.verity.testing.MemoryDocumentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue as each caller sees it: its tenant only, and within it only the documents whose ACL it shares. */
class CatalogServiceTest {
    private static final Caller HR = Caller.local(Set.of("hr"));
    private static final Caller NOBODY = Caller.local(Set.of());
    private static final Caller GLOBEX_HR = new Caller("globex", Set.of("hr"), Set.of(Scope.values()), "key:k_globex");

    private final MemoryDocumentStore store = new MemoryDocumentStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final DocumentRecord handbook = Documents.record("default", "default", "handbook.txt", Set.of());
    private final DocumentRecord memo = Documents.record("default", "default", "memo.txt", Set.of("hr"));
    private final DocumentRecord globexMemo = Documents.record("globex", "default", "memo.txt", Set.of("hr"));

    @TempDir
    Path blobs;

    private CatalogService service;

    @BeforeEach
    void fill() {
        InMemoryIndex index = new InMemoryIndex();
        FileSystemBlobStore blobStore = new FileSystemBlobStore(blobs);
        OriginalReferences none = new OriginalReferences() {
            @Override
            public Set<String> unreferenced(Collection<String> sha256s) {
                return Set.of();
            }

            @Override
            public Set<String> referenced() {
                return Set.of();
            }
        };
        service = new CatalogService(
                store,
                () -> index,
                () -> new Catalog(index, store, none, blobStore),
                blobStore,
                none,
                () -> {
                    throw new AssertionError("nothing is re-ingested here");
                },
                audit,
                Clock.systemUTC());
        store.upsert(handbook);
        store.upsert(memo);
        store.upsert(globexMemo);
    }

    @Test
    void aRestrictedDocumentIsInvisibleToACallerWithoutItsPrincipalsInListFindAndDelete() {
        assertThat(service.list(NOBODY, "default")).containsExactly(handbook);
        assertThat(service.find(NOBODY, "default", memo.id())).isEmpty();
        assertThat(service.delete(NOBODY, "default", memo.id())).isFalse();

        assertThat(store.find("default", memo.id())).as("nothing changed").contains(memo);
        assertThat(service.list(HR, "default")).containsExactly(handbook, memo);
        assertThat(service.find(HR, "default", memo.id())).contains(memo);
    }

    @Test
    void aHiddenDocumentAndAnUnknownIdAreIndistinguishable() {
        assertThat(service.find(NOBODY, "default", memo.id())).isEqualTo(service.find(NOBODY, "default", "doc_none"));
        assertThat(service.delete(NOBODY, "default", memo.id()))
                .isEqualTo(service.delete(NOBODY, "default", "doc_none"));
    }

    @Test
    void anotherTenantsDocumentIsInvisibleAndUndeletableEvenWithTheSamePrincipals() {
        assertThat(globexMemo.id()).isNotEqualTo(memo.id());
        assertThat(service.find(HR, "default", globexMemo.id())).isEmpty();
        assertThat(service.delete(HR, "default", globexMemo.id())).isFalse();
        assertThat(service.list(HR, "default")).doesNotContain(globexMemo);

        assertThat(store.find("globex", globexMemo.id())).contains(globexMemo);
        assertThat(service.list(GLOBEX_HR, "default")).containsExactly(globexMemo);
        assertThat(service.find(GLOBEX_HR, "default", memo.id())).isEmpty();
    }

    @Test
    void aVisibleDocumentIsDeleted() {
        assertThat(service.delete(HR, "default", memo.id())).isTrue();

        assertThat(store.find("default", memo.id())).isEmpty();
        assertThat(service.list(HR, "default")).containsExactly(handbook);
        assertThat(audit.list(Optional.empty(), 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.DELETE);
            assertThat(e.actor()).isEqualTo("local");
            assertThat(e.target()).isEqualTo(memo.id());
        });
    }

    @Test
    void collectionsListWhatTheCallerCanSeeWithCountsOfWhatTheyCanSee() {
        store.upsert(Documents.record("default", "board", "minutes.txt", Set.of("group:board")));
        store.upsert(Documents.record("default", "hr", "leave.txt", Set.of()));
        store.upsert(Documents.record("default", "hr", "salaries.txt", Set.of("hr")));

        assertThat(service.collections(NOBODY))
                .containsExactly(new CollectionSummary("default", 1), new CollectionSummary("hr", 1));
        assertThat(service.collections(HR))
                .containsExactly(new CollectionSummary("default", 2), new CollectionSummary("hr", 2));
        assertThat(service.collections(GLOBEX_HR)).containsExactly(new CollectionSummary("default", 1));
        assertThat(service.collections(Caller.local(Set.of("group:board"))))
                .contains(new CollectionSummary("board", 1));
    }
}
