package dev.verity.testkit.contracts;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.QueryCachingEmbeddingModel;
import dev.verity.testkit.fakes.HashingEmbeddingModel;

/** The query cache in front of a model keeps the model's contract. */
class QueryCachingEmbeddingModelTest extends EmbeddingModelContract {
    private final EmbeddingModel model = new QueryCachingEmbeddingModel(new HashingEmbeddingModel(64), 4);

    @Override
    protected EmbeddingModel model() {
        return model;
    }
}
