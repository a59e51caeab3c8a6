package dev.verity.query;

import dev.verity.generation.prompt.PromptRef;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.GenerationPlan;
import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.generation.routing.Route;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.index.SearchFilter;
import dev.verity.usage.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
                Generation.llm("gpt-x", new PromptRef("answer", 1), new TokenUsage(120, 30, true))
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

    /** A map-backed cache; the TTL is the production cache's business. */
    private static final class MapCache implements AnswerCache {
        final Map<String, Answer> answers = new HashMap<>();

        @Override
        public Optional<Answer> get(String key) {
            return Optional.ofNullable(answers.get(key));
        }

        @Override
        public void put(String key, Answer answer) {
            answers.put(key, answer);
        }
    }

    private static final Answer PRICED = new Answer("25 days.", true, 0, List.of(),
            Generation.llm("gpt-x", new PromptRef("answer", 1), new TokenUsage(120, 30, true))
                    .withCost(0.0021));

    private final AtomicInteger generated = new AtomicInteger();
    private final AtomicLong indexVersion = new AtomicLong(1);
    private final MapCache cache = new MapCache();

    private QueryService caching(Answer answer) {
        return QueryService.builder((request, timings) -> List.of(), (q, e, t) -> {
                    generated.incrementAndGet();
                    return answer;
                })
                .ledger(ledger).clock(clock).cache(cache, indexVersion::get).build();
    }

    @Test
    void theSameQuestionAgainIsServedFromTheCacheAtNoCostAndNotCountedTwice() {
        QueryService service = caching(PRICED);

        QueryResult first = service.ask(question(Set.of("hr")));
        QueryResult again = service.ask(QueryRequest.of("  how many DAYS ", SearchFilter.collection("hr")
                .withPrincipals(Set.of("hr"))));

        assertThat(generated).hasValue(1);
        assertThat(first.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.answer().text()).isEqualTo("25 days.");
        assertThat(again.answer().generation().model()).contains("gpt-x");
        assertThat(again.answer().generation().costUsd()).isZero();
        assertThat(again.traceId()).isNotEqualTo(first.traceId());
        assertThat(recorded).hasSize(1);
    }

    @Test
    void otherPrincipalsFiltersOrANewIndexVersionNeverShareACachedAnswer() {
        QueryService service = caching(PRICED);

        service.ask(question(Set.of("hr")));
        service.ask(question(Set.of("sales")));
        service.ask(new QueryRequest("How many days?", SearchFilter.collection("hr").withPrincipals(Set.of("hr"))
                .withSources(Set.of("handbook.pdf")), QueryRequest.DEFAULT_TOP_K, RetrievalMode.HYBRID));
        indexVersion.incrementAndGet();
        service.ask(question(Set.of("hr")));

        assertThat(generated).hasValue(4);
        assertThat(cache.answers).hasSize(4);
    }

    @Test
    void aDegradedAnswerIsNeverCached() {
        Answer degraded = PRICED.withGeneration(PRICED.generation().degraded("timeout", TokenUsage.NONE, 0));
        QueryService service = caching(degraded);

        service.ask(question(Set.of()));
        QueryResult again = service.ask(question(Set.of()));

        assertThat(again.cached()).isFalse();
        assertThat(generated).hasValue(2);
        assertThat(cache.answers).isEmpty();
    }

    @Test
    void aRoutedAnswerRecordsItsRoute() {
        QueryService service = QueryService.builder((request, timings) -> List.of(), (q, e, t) -> PRICED)
                .router(new DifficultyRouter()).build();

        QueryResult easy = service.ask(question(Set.of()));
        QueryResult hard = service.ask(QueryRequest.of("Why does the leave policy differ between staff and managers?",
                SearchFilter.collection("hr")));

        assertThat(easy.answer().generation().route()).map(Route::tier).contains(Route.Tier.EASY);
        assertThat(hard.answer().generation().route()).hasValueSatisfying(route -> {
            assertThat(route.tier()).isEqualTo(Route.Tier.HARD);
            assertThat(route.signals()).contains("reasoning_question");
        });
    }

    @Test
    void theExperimentSendsItsShareOfQuestionsToTheCandidateArm() {
        List<PromptExperiment.Arm> arms = new ArrayList<>();
        AnswerGenerator recording = new AnswerGenerator() {
            @Override
            public Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings) {
                throw new AssertionError("the plan must be passed on");
            }

            @Override
            public Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings,
                    AnswerListener listener, GenerationPlan plan) {
                arms.add(plan.arm());
                return PRICED;
            }
        };
        QueryService service = QueryService.builder((request, timings) -> List.of(), recording)
                .experiment(new PromptExperiment(0.25), new SplittableRandom(7)).build();

        for (int i = 0; i < 2_000; i++) {
            service.ask(question(Set.of()));
        }

        long candidates = arms.stream().filter(a -> a == PromptExperiment.Arm.CANDIDATE).count();
        assertThat(candidates).isBetween(440L, 560L);
    }

    @Test
    void everyAnswerCachedOrNotIsToldToTheObserverWithItsRequest() {
        List<String> seen = new ArrayList<>();
        QueryService service = QueryService.builder((request, timings) -> List.of(), (q, e, t) -> PRICED)
                .cache(cache, indexVersion::get)
                .onAnswer((request, result) -> seen.add(request.question() + " " + result.traceId() + " "
                        + result.cached()))
                .build();

        QueryResult first = service.ask(question(Set.of()));
        QueryResult second = service.ask(question(Set.of()));

        assertThat(seen).containsExactly("How many days? " + first.traceId() + " false",
                "How many days? " + second.traceId() + " true");
    }
}
