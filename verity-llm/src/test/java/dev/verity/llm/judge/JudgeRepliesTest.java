package dev.verity.llm.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.evaluation.Judgement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the judge accepts from a model, and what it tells the model when it refuses a reply. */
class JudgeRepliesTest {

    @Test
    void acceptsClaimsInACodeFence() throws Exception {
        assertThat(JudgeReplies.claims("""
                ```json
                {"claims": [{"claim": " It is 21 days. ", "evidence": "C1: 21 days", "supported": true}]}
                ```""")).containsExactly(new Judgement.Claim("It is 21 days.", true));
    }

    @Test
    void refusesProseWithTheParsersReason() {
        assertThatThrownBy(() -> JudgeReplies.claims("I think two claims."))
                .isInstanceOf(JudgeReplies.InvalidReplyException.class)
                .hasMessageStartingWith("it is not valid JSON (Unrecognized token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            [1, 2]                                                   | it must be one JSON object
            {"claims": {}}                                           | "claims" must be an array of {"claim", "evidence", "supported"} objects
            {"claims": []}                                           | "claims" is empty: list at least one claim of the answer
            {"claims": ["21 days"]}                                  | claim 1 must be an object with string "claim", string "evidence" and boolean "supported"
            {"claims": [{"claim": "a", "evidence": "", "supported": "yes"}]} | claim 1 must be an object with string "claim", string "evidence" and boolean "supported"
            {"claims": [{"claim": " ", "evidence": "", "supported": false}]} | claim 1 has an empty "claim"
            {"claims": [{"claim": "a", "evidence": " ", "supported": true}]} | claim 1 is marked supported but gives no evidence: quote the context that supports it, or mark it unsupported
            """)
    void refusesClaimsThatDoNotMatchTheSchema(String reply, String problem) {
        assertThatThrownBy(() -> JudgeReplies.claims(reply))
                .isInstanceOf(JudgeReplies.InvalidReplyException.class)
                .hasMessage(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"score": 3}                        | "reason" must be a string
            {"reason": "r", "score": 0}         | "score" must be a whole number from 1 to 5, got 0
            {"reason": "r", "score": 4.5}       | "score" must be a whole number from 1 to 5, got 4.5
            {"reason": "r", "score": "4"}       | "score" must be a whole number from 1 to 5, got "4"
            {"reason": "r"}                     | "score" must be a whole number from 1 to 5, got null
            """)
    void refusesRelevanceOutsideTheRubric(String reply, String problem) {
        assertThatThrownBy(() -> JudgeReplies.relevance(reply)).hasMessage(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"reason": "r", "verdict": "mostly right"} | "verdict" must be one of "equivalent", "partial", "missing" or "contradicts", got "mostly right"
            {"reason": "r", "verdict": 1}              | "verdict" must be one of "equivalent", "partial", "missing" or "contradicts", got 1
            {"verdict": "partial"}                     | "reason" must be a string
            """)
    void refusesAnUnknownVerdict(String reply, String problem) {
        assertThatThrownBy(() -> JudgeReplies.correctness(reply)).hasMessage(problem);
    }
}
