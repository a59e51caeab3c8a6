package dev.verity.ingestion.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.ingestion.sync.SyncPlan.Action;
import dev.verity.ingestion.sync.SyncPlan.Found;
import dev.verity.ingestion.sync.SyncPlan.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncPlanTest {
    private static final String COLLECTION = "docs";
    private static final String ROOT = "/data/docs";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static DocumentInfo indexed(String source, String sha, Set<String> acl) {
        return new DocumentInfo(
                DocumentIds.documentId(COLLECTION, source),
                1,
                COLLECTION,
                "default",
                acl,
                source,
                source,
                "text/plain",
                "en",
                sha,
                NOW);
    }

    private static SyncEntry owned(String source, String sha) {
        return new SyncEntry(
                DocumentIds.documentId(COLLECTION, source),
                "default",
                COLLECTION,
                ROOT,
                source,
                sha,
                Optional.empty(),
                Optional.empty(),
                NOW);
    }

    private static Action action(Kind kind, String source) {
        return new Action(kind, source, DocumentIds.documentId(COLLECTION, source), Optional.empty());
    }

    @Test
    void newFilesAreAddedSameContentIsUnchangedOtherContentIsChanged() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(new Found("c.txt", "333"), new Found("a.txt", "111"), new Found("b.txt", "2222")),
                List.of(owned("a.txt", "111"), owned("b.txt", "222")),
                List.of(indexed("a.txt", "111", Set.of()), indexed("b.txt", "222", Set.of())),
                Set.of());

        assertThat(plan.actions())
                .containsExactly(
                        action(Kind.UNCHANGED, "a.txt"), action(Kind.CHANGE, "b.txt"), action(Kind.ADD, "c.txt"));
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void onlyDocumentsThisRootRecordedAreDeleted() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(new Found("kept.txt", "111")),
                List.of(owned("kept.txt", "111"), owned("gone.txt", "222")),
                List.of(
                        indexed("kept.txt", "111", Set.of()),
                        indexed("gone.txt", "222", Set.of()),
                        indexed("uploaded-elsewhere.txt", "999", Set.of())),
                Set.of());

        assertThat(plan.actions()).containsExactly(action(Kind.UNCHANGED, "kept.txt"), action(Kind.DELETE, "gone.txt"));
        assertThat(plan.counts()).containsEntry(Kind.DELETE, 1).containsEntry(Kind.ADD, 0);
    }

    @Test
    void aMovedFileIsADeleteAndAnAddReportedAsARename() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(new Found("new/name.txt", "111")),
                List.of(owned("old/name.txt", "111")),
                List.of(indexed("old/name.txt", "111", Set.of())),
                Set.of());

        assertThat(plan.actions())
                .containsExactly(
                        new Action(
                                Kind.ADD,
                                "new/name.txt",
                                DocumentIds.documentId(COLLECTION, "new/name.txt"),
                                Optional.of("old/name.txt")),
                        action(Kind.DELETE, "old/name.txt"));
    }

    @Test
    void aNewAclChangesAnOtherwiseUnchangedDocument() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(new Found("a.txt", "111")),
                List.of(owned("a.txt", "111")),
                List.of(indexed("a.txt", "111", Set.of())),
                Set.of("hr"));

        assertThat(plan.actions()).containsExactly(action(Kind.CHANGE, "a.txt"));
    }

    @Test
    void aDocumentIngestedEarlierWithTheSameContentIsAdoptedAsUnchanged() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(new Found("a.txt", "111")),
                List.of(),
                List.of(indexed("a.txt", "111", Set.of())),
                Set.of());

        assertThat(plan.actions()).containsExactly(action(Kind.UNCHANGED, "a.txt"));
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void keptNamesAreNotDeletedThoughNotFound() {
        SyncPlan plan = SyncPlan.compute(
                COLLECTION,
                List.of(),
                List.of(owned("https://x.test/a", "111")),
                List.of(indexed("https://x.test/a", "111", Set.of())),
                Set.of(),
                Set.of("https://x.test/a"));

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void documentsOfOtherCollectionsAreIgnored() {
        DocumentInfo elsewhere = new DocumentInfo(
                DocumentIds.documentId("other", "a.txt"),
                1,
                "other",
                "default",
                Set.of(),
                "a.txt",
                "a",
                "text/plain",
                "en",
                "111",
                NOW);

        SyncPlan plan = SyncPlan.compute(
                COLLECTION, List.of(new Found("a.txt", "111")), List.of(), List.of(elsewhere), Set.of());

        assertThat(plan.actions()).containsExactly(action(Kind.ADD, "a.txt"));
    }

    @Test
    void refusesASourceListingTheSameNameTwice() {
        assertThatThrownBy(() -> SyncPlan.compute(
                        COLLECTION,
                        List.of(new Found("a.txt", "1"), new Found("a.txt", "2")),
                        List.of(),
                        List.of(),
                        Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the source lists \"a.txt\" twice");
    }
}
