package dev.verity.testkit.contracts;

import dev.verity.document.Chunk;
import dev.verity.index.InMemoryIndex;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.Retriever;
import dev.verity.retrieval.hybrid.HybridRetriever;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The default retriever over the in-memory index keeps the retriever contract in every mode. */
class HybridRetrieverOverInMemoryIndexTest extends RetrieverContract {
    private final List<InMemoryIndex> opened = new ArrayList<>();

    @Override
    protected Retriever openRetriever(List<Chunk> corpus) {
        InMemoryIndex index = new InMemoryIndex();
        opened.add(index);
        HashingEmbeddingModel embeddings = new HashingEmbeddingModel();
        fill(index, embeddings, corpus);
        return new HybridRetriever(index, embeddings, RetrievalSettings.defaults());
    }

    @AfterEach
    void closeIndexes() {
        opened.forEach(InMemoryIndex::close);
    }
}
