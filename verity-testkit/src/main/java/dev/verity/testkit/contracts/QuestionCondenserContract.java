package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.conversation.QuestionCondenser;
import dev.verity.conversation.QuestionCondenser.Condensed;
import dev.verity.conversation.Turn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QuestionCondenser} must do: a follow-up that already stands alone comes back unchanged, a
 * follow-up that points back with a pronoun comes back rewritten with what the pronoun meant, the question is never
 * blank, {@code condensedBy} names a known condenser, and a failing model never throws but still gives a standalone
 * question. (A first question has no history and never reaches a condenser: {@link Condensed#unchanged} stands for
 * it.)
 *
 * <p>Subclass it once per implementation and supply {@link #openCondenser()}. A condenser that asks a model overrides
 * {@link #modelWillRewriteTo(String)} and {@link #modelWillFail()} to program its fake. Implementations:
 * {@code RuleBasedCondenser} (the testkit's own tests) and {@code LlmQuestionCondenser} against the fake LLM server
 * (verity-llm).
 */
public abstract class QuestionCondenserContract {
    /** One earlier turn: the vacation policy for staff. */
    protected static final List<Turn> HISTORY = List.of(new Turn(
            "conv_1",
            1,
            "What is the vacation policy for staff?",
            "What is the vacation policy for staff?",
            QuestionCondenser.NONE,
            "Employees receive 25 days of paid annual leave per calendar year.",
            "0".repeat(32),
            "extractive",
            Instant.parse("2026-11-23T10:00:00Z")));

    protected static final String STANDALONE = "What is the parking policy for visitors?";
    protected static final String WITH_PRONOUN = "How many days do they get?";

    protected QuestionCondenser condenser;

    /** A new condenser. */
    protected abstract QuestionCondenser openCondenser();

    /** For a condenser that asks a model: its next reply is {@code standalone}. The rules need nothing. */
    protected void modelWillRewriteTo(String standalone) {}

    /** For a condenser that asks a model: its next call fails (say with a server error). The rules need nothing. */
    protected void modelWillFail() {}

    @BeforeEach
    void open() {
        condenser = openCondenser();
    }

    @Test
    void aFollowUpThatStandsAloneIsReturnedUnchanged() {
        modelWillRewriteTo(STANDALONE);

        assertThat(condenser.condense(HISTORY, STANDALONE).question()).isEqualTo(STANDALONE);
    }

    @Test
    void aFollowUpWithAPronounIsRewrittenToStandAlone() {
        modelWillRewriteTo("How many days of vacation do staff get?");

        String question = condenser.condense(HISTORY, WITH_PRONOUN).question();

        assertThat(question)
                .isNotEqualTo(WITH_PRONOUN)
                .containsIgnoringCase("vacation")
                .containsIgnoringCase("staff")
                .doesNotContain(" they ");
    }

    @Test
    void theQuestionIsNeverBlankAndNamesItsCondenser() {
        for (String followUp : List.of(STANDALONE, WITH_PRONOUN, "Why?", "and for managers?", "it")) {
            modelWillRewriteTo(followUp);

            Condensed condensed = condenser.condense(HISTORY, followUp);

            assertThat(condensed.question()).as(followUp).isNotBlank();
            assertThat(condensed.condensedBy())
                    .as(followUp)
                    .isIn(QuestionCondenser.NONE, QuestionCondenser.RULES, QuestionCondenser.LLM);
        }
    }

    @Test
    void aFailingModelStillGivesAStandaloneQuestion() {
        modelWillFail();

        Condensed condensed = condenser.condense(HISTORY, WITH_PRONOUN);

        assertThat(condensed.question()).isNotBlank().isNotEqualTo(WITH_PRONOUN).containsIgnoringCase("vacation");
    }
}
