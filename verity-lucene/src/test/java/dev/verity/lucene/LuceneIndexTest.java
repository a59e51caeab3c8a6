package dev.verity.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.index.Index;
import dev.verity.index.IndexUnavailableException;
import dev.verity.index.SearchFilter;
import dev.verity.testkit.contracts.IndexContract;
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

        try (LuceneIndex reader = LuceneIndex.open(folder, LuceneSettings.defaults().asReadOnly())) {
            assertThat(reader.keywordSearch("text", SearchFilter.collection("default"), 10))
                    .extracting(h -> h.chunk().text())
                    .containsExactly("committed text");
            assertThatThrownBy(reader::commit)
                    .isInstanceOf(IndexUnavailableException.class)
                    .hasMessageContaining("read-only");
        }
    }
}
