package dev.verity.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.index.IndexedDocument;
import dev.verity.testing.Documents;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue compared with the index. */
class ConsistencyReportTest {
    private static final String SHA = "0".repeat(64);

    @Test
    void anArchiveWithNoChunksOfItsOwnIsNotMissingFromTheIndex() {
        DocumentRecord oneChunk = Documents.record("default", "ops", "bundle.zip ▸ notes.txt", Set.of());
        DocumentRecord zip = Documents.record("default", "ops", "bundle.zip", Set.of());
        DocumentRecord container = new DocumentRecord(zip.info(), 0, 500, 0, Optional.empty(), Optional.empty());
        DocumentRecord child = oneChunk.withParent(Optional.of(zip.id()));

        ConsistencyReport report = ConsistencyReport.compare(
                List.of(container, child),
                List.of(new IndexedDocument(child.id(), 1, SHA, 1)),
                Set.of(SHA),
                Set.of(SHA));

        assertThat(report.missingFromIndex()).isEmpty();
        assertThat(report.drifted()).isFalse();
    }

    @Test
    void aDocumentWithChunksThatTheIndexLacksIsMissing() {
        DocumentRecord record = Documents.record("default", "ops", "notes.txt", Set.of());

        ConsistencyReport report = ConsistencyReport.compare(List.of(record), List.of(), Set.of(SHA), Set.of(SHA));

        assertThat(report.missingFromIndex()).containsExactly(record);
    }
}
