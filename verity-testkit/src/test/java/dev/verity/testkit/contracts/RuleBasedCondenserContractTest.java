package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.conversation.QuestionCondenser;
import dev.verity.conversation.RuleBasedCondenser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules keep the condenser contract; their table of cases is in the core's unit test. */
class RuleBasedCondenserContractTest extends QuestionCondenserContract {

    @Override
    protected QuestionCondenser openCondenser() {
        return new RuleBasedCondenser();
    }

    @Test
    void replacesThePronounByThePreviousTopicAndSaysTheRulesDecided() {
        assertThat(condenser.condense(HISTORY, WITH_PRONOUN))
                .isEqualTo(new QuestionCondenser.Condensed(
                        "How many days do the vacation policy for staff get?",
                        QuestionCondenser.RULES,
                        Optional.empty()));
    }
}
