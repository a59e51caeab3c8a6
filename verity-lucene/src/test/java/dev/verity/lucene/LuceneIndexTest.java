package dev.verity.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.DocumentInfo;
import dev.verity.index.Index;
import dev.verity.index.IndexUnavailableException;
import dev.verity.index.IndexedChunk;
import dev.verity.index.SearchFilter;
import dev.verity.testkit.contracts.IndexContract;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import dev.verity.testkit.fakes.TestChunks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest extends IndexContract {
    @TempDir
    Path folder;

    @Override
    protected Index openIndex() {
        return LuceneIndex.open(folder, LuceneSettings.defaults());
    }

    @Override
    protected Index reopenIndex(Index current) {
        current.close();
        return openIndex();
    }

    @Test
    void aSecondWriterOnTheSameFolderIsRefusedWithAnExplanation() {
        assertThatThrownBy(() -> LuceneIndex.open(folder, LuceneSettings.defaults()))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("locked by another process")
                .hasMessageContaining("verity serve");
    }

    @Test
    void aReadOnlyIndexSearchesTheLastCommitWhileAWriterHoldsTheLock() {
        put(TestChunks.document("a.pdf").build(), "committed text");
        index.commit();
        put(TestChunks.document("b.pdf").build(), "uncommitted text");

        try (LuceneIndex reader =
                LuceneIndex.open(folder, LuceneSettings.defaults().asReadOnly())) {
            assertThat(reader.keywordSearch("text", SearchFilter.collection("default"), 10))
                    .extracting(h -> h.chunk().text())
                    .containsExactly("committed text");
            assertThatThrownBy(reader::commit)
                    .isInstanceOf(IndexUnavailableException.class)
                    .hasMessageContaining("read-only");
        }
    }

    // --- the vector space ---

    private static final VectorSpace HASHING = new VectorSpace("hashing-64", 64);
    private static final VectorSpace REMOTE = new VectorSpace("openai:text-embedding-3-small:256", 256);

    @TempDir
    Path other;

    private static LuceneIndex open(Path folder, VectorSpace space) {
        return LuceneIndex.open(folder, LuceneSettings.defaults().withVectorSpace(space));
    }

    private static void write(LuceneIndex index, String source, float[] vector) {
        DocumentInfo doc = TestChunks.document(source).build();
        index.replaceDocument(
                doc.id(),
                TestChunks.chunks(doc, "Staff get 25 days of leave.").stream()
                        .map(c -> new IndexedChunk(c, vector))
                        .toList());
        index.commit();
    }

    private static float[] hashed(String text) {
        return new HashingEmbeddingModel(64).embed(text);
    }

    @Test
    void anIndexRecordsItsEmbeddingModelAndRefusesToOpenWithAnother() {
        try (LuceneIndex index = open(other, HASHING)) {
            write(index, "a.pdf", hashed("leave"));
        }

        assertThatThrownBy(() -> open(other, REMOTE))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessage("the index at " + other + " was built with hashing-64 (64 dims); configured"
                        + " openai:text-embedding-3-small:256 (256 dims): vectors of different embedding models cannot"
                        + " be compared. Re-ingest into a new data folder, or switch back to the model the index was"
                        + " built with.");
        assertThatThrownBy(() -> LuceneIndex.open(
                        other, LuceneSettings.defaults().withVectorSpace(REMOTE).asReadOnly()))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("was built with hashing-64 (64 dims)");
        try (LuceneIndex same = open(other, HASHING);
                LuceneIndex unconfigured =
                        LuceneIndex.open(other, LuceneSettings.defaults().asReadOnly())) {
            assertThat(same.chunkCount()).isEqualTo(1);
            assertThat(unconfigured.vectorSpace()).contains(HASHING);
        }
    }

    @Test
    void anIndexFromBeforeTheRecordAdoptsTheConfiguredModelAndKeepsIt() {
        try (LuceneIndex legacy = LuceneIndex.open(other, LuceneSettings.defaults())) {
            write(legacy, "a.pdf", hashed("leave"));
            assertThat(legacy.vectorSpace()).isEmpty();
        }

        try (LuceneIndex adopted = open(other, HASHING)) {
            assertThat(adopted.vectorSpace()).contains(HASHING);
            assertThat(adopted.vectorSearch(hashed("leave"), SearchFilter.collection("default"), 1))
                    .hasSize(1);
        }
        VectorSpace sameSizeOtherModel = new VectorSpace("other-64", 64);
        assertThatThrownBy(() -> open(other, sameSizeOtherModel))
                .hasMessageContaining("was built with hashing-64 (64 dims); configured other-64 (64 dims)");
    }

    @Test
    void anIndexFromBeforeTheRecordWhoseVectorsHaveAnotherSizeIsRefused() {
        try (LuceneIndex legacy = LuceneIndex.open(other, LuceneSettings.defaults())) {
            write(legacy, "a.pdf", hashed("leave"));
        }

        assertThatThrownBy(() -> open(other, REMOTE))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("was built with an unrecorded embedding model (64 dims); configured"
                        + " openai:text-embedding-3-small:256 (256 dims)");
    }

    @Test
    void anIndexWithoutChunksTakesWhicheverModelIsConfigured() {
        try (LuceneIndex empty = open(other, HASHING)) {
            assertThat(empty.chunkCount()).isZero();
        }

        try (LuceneIndex switched = open(other, REMOTE)) {
            write(switched, "a.pdf", new HashingEmbeddingModel(256).embed("leave"));
            assertThat(switched.vectorSpace()).contains(REMOTE);
        }
        assertThatThrownBy(() -> open(other, HASHING)).hasMessageContaining("was built with " + REMOTE);
    }

    @Test
    void vectorsOfAnotherSizeAreRefusedOnWriteAndOnSearch() {
        try (LuceneIndex index = open(other, HASHING)) {
            DocumentInfo doc = TestChunks.document("a.pdf").build();
            IndexedChunk tooShort =
                    new IndexedChunk(TestChunks.chunks(doc, "leave").getFirst(), new float[32]);

            assertThatThrownBy(() -> index.replaceDocument(doc.id(), java.util.List.of(tooShort)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chunk " + tooShort.chunk().id() + " has a vector of 32 dims, but the index holds"
                            + " vectors of hashing-64 (64 dims): embed with that model, or re-ingest into a new data"
                            + " folder");
            assertThatThrownBy(() -> index.vectorSearch(new float[384], SearchFilter.collection("default"), 5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the query vector has 384 dims, but the index holds vectors of hashing-64 (64 dims):"
                            + " embed the query with that model");
            assertThat(index.chunkCount()).isZero();
        }
    }
}
