package dev.verity.testkit.contracts;

import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.testkit.fakes.QuotingAnswerGenerator;

class QuotingAnswerGeneratorTest extends AnswerGeneratorContract {

    @Override
    protected AnswerGenerator openGenerator() {
        return new QuotingAnswerGenerator();
    }
}
