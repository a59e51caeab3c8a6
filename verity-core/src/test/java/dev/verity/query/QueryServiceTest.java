package dev.verity.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.index.SearchFilter;
import dev.verity.storage.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryServiceTest {
    private final List<UsageLedger.Entry> recorded = new ArrayList<>();
    private final UsageLedger ledger = new UsageLedger() {
        @Override
        public void record(Entry usage) {
            recorded.add(usage);
        }

        @Override
        public List<Entry> between(LocalDate from, LocalDate to) {
            return recorded;
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private QueryService service(Answer answer) {
        return new QueryService((request, timings) -> List.of(), (q, e, t) -> answer, ledger, clock);
    }

    private static QueryRequest question(Set<String> principals) {
        return QueryRequest.of("How many days?", SearchFilter.collection("hr").withPrincipals(principals));
    }

    @Test
    void countsAnAnswerThatUsedAModelOnceUnderItsCallerCollectionAndModel() {
        Answer llm = new Answer("The documents do not answer this question.", true, 0, List.of(),
                Generation.llm("gpt-x", new Generation.PromptRef("answer", 1), new TokenUsage(120, 30, true))
                        .withCost(0.0021));

        service(llm).ask(question(Set.of("sales", "hr")));

        assertThat(recorded).containsExactly(new UsageLedger.Entry(LocalDate.of(2026, 11, 23), "hr,sales", "hr",
                "gpt-x", 1, 120, 30, 0.0021));
    }

    @Test
    void anExtractiveAnswerCostsNothingAndIsNotCounted() {
        service(new Answer("x", true, 0, List.of())).ask(question(Set.of()));

        assertThat(recorded).isEmpty();
    }

    @Test
    void givesEveryRequestItsOwnTraceId() {
        QueryService service = service(new Answer("x", true, 0, List.of()));

        String first = service.ask(question(Set.of())).traceId();
        String second = service.ask(question(Set.of())).traceId();

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }
}
