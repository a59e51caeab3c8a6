package dev.verity.lucene;

import dev.verity.document.Chunk;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.hybrid.HybridRetriever;
import dev.verity.testkit.contracts.RetrieverContract;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default retriever over Lucene keeps the retriever contract in every mode: the filter is applied inside both BM25
 * and HNSW search, not after it.
 */
class HybridRetrieverOverLuceneTest extends RetrieverContract {
    @TempDir
    Path folder;

    private final List<LuceneIndex> opened = new ArrayList<>();

    @Override
    protected Retriever openRetriever(List<Chunk> corpus) {
        LuceneIndex index = LuceneIndex.open(folder.resolve("index-" + opened.size()), LuceneSettings.defaults());
        opened.add(index);
        HashingEmbeddingModel embeddings = new HashingEmbeddingModel();
        fill(index, embeddings, corpus);
        return new HybridRetriever(index, embeddings, RetrievalSettings.defaults());
    }

    @AfterEach
    void closeIndexes() {
        opened.forEach(LuceneIndex::close);
    }
}
