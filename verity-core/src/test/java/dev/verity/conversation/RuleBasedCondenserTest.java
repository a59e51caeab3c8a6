package dev.verity.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.query.QueryRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedCondenserTest {
    private static final String VACATION = "What is the vacation policy for staff?";
    private static final String PAYLOAD = "What is the maximum payload of the Tern T2?";
    private static final String LEAVE = "How many days of paid annual leave do employees get each year?";
    private static final String OFFICE = "Where is the Munich office?";

    @ParameterizedTest(name = "[{index}] {0} + \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            # self-contained: kept as typed
            What is the vacation policy for staff?      | How long is the warranty on the Tern T2?  | How long is the warranty on the Tern T2?
            What is the vacation policy for staff?      | And how long is the warranty?            | And how long is the warranty?
            What is the vacation policy for staff?      | Is there a gym in the office?            | Is there a gym in the office?
            What is the vacation policy for staff?      | Is it possible to work from home?       | Is it possible to work from home?
            What is the vacation policy for staff?      | Which policy applies this year?         | Which policy applies this year?
            What is the vacation policy for staff?      | What is the rule that covers parking?   | What is the rule that covers parking?
            What is the vacation policy for staff?      | Thanks!                                  | Thanks!
            # pronouns become the previous question's longest noun phrase
            What is the vacation policy for staff?      | How many days do they get?               | How many days do the vacation policy for staff get?
            How many days of paid annual leave do employees get each year? | Can I carry them over? | Can I carry days of paid annual leave over?
            How many days of paid annual leave do employees get each year? | Does that include weekends? | Does days of paid annual leave include weekends?
            What is the vacation policy for staff?      | Is it the same for managers?            | Is the vacation policy for staff the same for managers?
            What is the vacation policy for staff?      | They get how many days?                 | The vacation policy for staff get how many days?
            What is the vacation policy for staff?      | Is it true that they get 25 days?       | Is it true that the vacation policy for staff get 25 days?
            # singular references prefer the part that names something
            What is the maximum payload of the Tern T2? | How much does it cost?                   | How much does the Tern T2 cost?
            What is the maximum payload of the Tern T2? | And it's certified to which standard?    | And the Tern T2 is certified to which standard?
            # possessives: the noun of the topic
            What is the maximum payload of the Tern T2? | What is its top speed?                   | What is the top speed of the Tern T2?
            What is the vacation policy for staff?      | Who approves their leave requests?       | Who approves the leave requests of the vacation policy for staff?
            # there: a place
            Where is the Munich office?                 | How do I get there?                      | How do I get to the Munich office?
            Where is the Munich office?                 | What is the parking like there?          | What is the parking like at the Munich office?
            # demonstratives with a noun
            What is the vacation policy for staff?      | When was that policy last changed?       | When was the vacation policy for staff last changed?
            What is the maximum payload of the Tern T2? | How much does this robot cost?           | How much does the Tern T2 robot cost?
            # ellipsis: a prepositional fragment replaces the matching phrase
            What is the vacation policy for staff?      | and for managers?                        | What is the vacation policy for managers?
            What is the vacation policy for staff?      | For managers?                            | What is the vacation policy for managers?
            What is the vacation policy for staff in Munich? | What about in Portland?             | What is the vacation policy for staff in Portland?
            # ellipsis: a noun phrase replaces the final noun phrase
            What is the maximum payload of the Tern T2? | what about the Tern T3?                  | What is the maximum payload of the Tern T3?
            What is the vacation policy for staff?      | And managers?                            | What is the vacation policy for managers?
            # last resort: previous question, then the follow-up
            Is remote work limited to 3 days?           | Why?                                     | Is remote work limited to 3 days: Why?
            How many days of paid annual leave do employees get each year? | What about contractors? | How many days of paid annual leave do employees get each year: What about contractors?
            What is the vacation policy for staff?      | And in Munich?                           | What is the vacation policy for staff: And in Munich?
            """)
    void rewritesAFollowUpIntoAStandaloneQuestion(String previous, String followUp, String expected) {
        assertThat(RuleBasedCondenser.rewrite(previous, followUp)).isEqualTo(expected);
    }

    @Test
    void usesTheStandaloneFormOfTheMostRecentTurnSoReferencesChain() {
        List<Turn> history = List.of(
                turn(1, "What is the maximum payload of the Tern T2?", "What is the maximum payload of the Tern T2?"),
                turn(2, "what about the Tern T3?", "What is the maximum payload of the Tern T3?"));

        QuestionCondenser.Condensed condensed = new RuleBasedCondenser().condense(history, "How much does it cost?");

        assertThat(condensed)
                .isEqualTo(new QuestionCondenser.Condensed(
                        "How much does the Tern T3 cost?", QuestionCondenser.RULES, Optional.empty()));
    }

    @Test
    void keepsTheFollowUpWhenThePreviousQuestionHasNothingToResolveAgainst() {
        assertThat(RuleBasedCondenser.rewrite("Why?", "And how is it done?")).isEqualTo("And how is it done?");
    }

    @Test
    void keepsTheFollowUpWhenTheRewriteWouldBeTooLongForAQuestion() {
        String previous = "What is the " + "big ".repeat(400) + "policy?";
        String followUp = "Why is it " + "so ".repeat(200) + "long?";

        assertThat(followUp.length()).isLessThanOrEqualTo(QueryRequest.MAX_QUESTION_CHARS);
        assertThat(RuleBasedCondenser.rewrite(previous, followUp)).isEqualTo(followUp);
    }

    @Test
    void theTopicIsTheLongestNounPhraseOrItsNamedPart() {
        assertThat(RuleBasedCondenser.topic(PAYLOAD, RuleBasedCondenser.tokens(PAYLOAD), false))
                .contains("the maximum payload of the Tern T2");
        assertThat(RuleBasedCondenser.topic(PAYLOAD, RuleBasedCondenser.tokens(PAYLOAD), true))
                .contains("the Tern T2");
        assertThat(RuleBasedCondenser.topic(LEAVE, RuleBasedCondenser.tokens(LEAVE), true))
                .contains("days of paid annual leave");
        assertThat(RuleBasedCondenser.topic(OFFICE, RuleBasedCondenser.tokens(OFFICE), true))
                .contains("the Munich office");
        assertThat(RuleBasedCondenser.topic(VACATION, RuleBasedCondenser.tokens(VACATION), false))
                .contains("the vacation policy for staff");
        assertThat(RuleBasedCondenser.topic("What is it?", RuleBasedCondenser.tokens("What is it?"), false))
                .isEmpty();
    }

    private static Turn turn(int seq, String question, String standalone) {
        return new Turn(
                "conv_1",
                seq,
                question,
                standalone,
                QuestionCondenser.RULES,
                "answer",
                "0".repeat(32),
                "extractive",
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
