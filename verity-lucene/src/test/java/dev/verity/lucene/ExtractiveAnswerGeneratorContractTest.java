package dev.verity.lucene;

import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.ExtractiveAnswerGenerator;
import dev.verity.generation.answer.ExtractiveSettings;
import dev.verity.testkit.contracts.AnswerGeneratorContract;
import dev.verity.testkit.fakes.HashingEmbeddingModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extractive answerer under the answer-generator contract, with the index's real analyzer (it lives here, beside
 * Lucene, because the core cannot use the testkit) and the hashing fake for sentence vectors.
 */
class ExtractiveAnswerGeneratorContractTest extends AnswerGeneratorContract {
    @TempDir
    Path folder;

    private LuceneIndex index;

    @Override
    protected AnswerGenerator openGenerator() {
        index = LuceneIndex.open(folder, LuceneSettings.defaults());
        return new ExtractiveAnswerGenerator(new HashingEmbeddingModel(), index, ExtractiveSettings.defaults());
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }
}
