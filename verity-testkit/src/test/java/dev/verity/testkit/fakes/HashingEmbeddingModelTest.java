package dev.verity.testkit.fakes;

import dev.verity.embedding.EmbeddingModel;
import dev.verity.testkit.contracts.EmbeddingModelContract;

class HashingEmbeddingModelTest extends EmbeddingModelContract {
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(64);

    @Override
    protected EmbeddingModel model() {
        return model;
    }
}
