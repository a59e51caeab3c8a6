package dev.verity.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.prompt.PromptExperiment;
import dev.verity.generation.prompt.PromptRef;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.generation.routing.DifficultyRouter;
import dev.verity.generation.routing.Route;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.guardrails.Guarded;
import dev.verity.guardrails.RewritingGuard;
import dev.verity.index.ChunkVector;
import dev.verity.index.InMemoryIndex;
import dev.verity.index.IndexedChunk;
import dev.verity.index.SearchFilter;
import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;
import dev.verity.retrieval.LegHit;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.InMemoryRunStore;
import dev.verity.runs.RunDetail;
import dev.verity.testing.Passages;
import dev.verity.testing.WordVectors;
import dev.verity.usage.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueryServiceTest {
    private final List<UsageLedger.Entry> recorded = new ArrayList<>();
    private final UsageLedger ledger = new UsageLedger() {
        @Override
        public void record(Entry usage) {
            recorded.add(usage);
        }

        @Override
        public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
            return recorded;
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private QueryService service(Answer answer) {
        return new QueryService((request, tracer) -> List.of(), (request, listener) -> answer, ledger, clock);
    }

    private static QueryRequest question(Set<String> principals) {
        return QueryRequest.of("How many days?", SearchFilter.collection("hr").withPrincipals(principals));
    }

    @Test
    void countsAnAnswerThatUsedAModelOnceUnderItsCallerActorCollectionAndModel() {
        Answer llm = new Answer(
                "The documents do not answer this question.",
                true,
                0,
                List.of(),
                Generation.llm("gpt-x", new PromptRef("answer", 1), new TokenUsage(120, 30, true))
                        .withCost(0.0021));

        service(llm).ask(question(Set.of("sales", "hr")));

        assertThat(recorded)
                .containsExactly(new UsageLedger.Entry(
                        LocalDate.of(2026, 11, 23), "default", "hr,sales", "local", "hr", "gpt-x", 1, 120, 30, 0.0021));
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

    private static final Answer PRICED = new Answer(
            "25 days.",
            true,
            0,
            List.of(),
            Generation.llm("gpt-x", new PromptRef("answer", 1), new TokenUsage(120, 30, true))
                    .withCost(0.0021));

    private final AtomicInteger generated = new AtomicInteger();
    private final AtomicLong indexVersion = new AtomicLong(1);
    private final MapCache cache = new MapCache();

    private QueryService caching(Answer answer) {
        return QueryService.builder((request, tracer) -> List.of(), (request, listener) -> {
                    generated.incrementAndGet();
                    return answer;
                })
                .ledger(ledger)
                .clock(clock)
                .cache(cache, indexVersion::get)
                .build();
    }

    @Test
    void theSameQuestionAgainIsServedFromTheCacheAtNoCostAndNotCountedTwice() {
        QueryService service = caching(PRICED);

        QueryResult first = service.ask(question(Set.of("hr")));
        QueryResult again = service.ask(QueryRequest.of(
                "  how many DAYS ", SearchFilter.collection("hr").withPrincipals(Set.of("hr"))));

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
        service.ask(new QueryRequest(
                "How many days?",
                SearchFilter.collection("hr").withPrincipals(Set.of("hr")).withSources(Set.of("handbook.pdf")),
                QueryRequest.DEFAULT_TOP_K,
                RetrievalMode.HYBRID));
        indexVersion.incrementAndGet();
        service.ask(question(Set.of("hr")));

        assertThat(generated).hasValue(4);
        assertThat(cache.answers).hasSize(4);
    }

    @Test
    void anotherTenantNeverSharesACachedAnswerWhileTheSamePrincipalsWrittenDifferentlyDo() {
        QueryService service = caching(PRICED);

        service.ask(question(Set.of("hr")));
        QueryResult otherTenant = service.ask(QueryRequest.of(
                "How many days?",
                SearchFilter.collection("hr").withTenant("globex").withPrincipals(Set.of("hr"))));
        QueryResult sameCaller = service.ask(
                QueryRequest.of("How many days?", SearchFilter.collection("hr").withPrincipals(Set.of(" hr\u00a0"))));

        assertThat(otherTenant.cached()).isFalse();
        assertThat(sameCaller.cached())
                .as("principals are compared in their normal form")
                .isTrue();
        assertThat(generated).hasValue(2);
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
        QueryService service = QueryService.builder((request, tracer) -> List.of(), (request, listener) -> PRICED)
                .router(new DifficultyRouter())
                .build();

        QueryResult easy = service.ask(question(Set.of()));
        QueryResult hard = service.ask(QueryRequest.of(
                "Why does the leave policy differ between staff and managers?", SearchFilter.collection("hr")));

        assertThat(easy.answer().generation().route()).map(Route::tier).contains(Route.Tier.EASY);
        assertThat(hard.answer().generation().route()).hasValueSatisfying(route -> {
            assertThat(route.tier()).isEqualTo(Route.Tier.HARD);
            assertThat(route.signals()).contains("reasoning_question");
        });
    }

    @Test
    void theExperimentSendsItsShareOfQuestionsToTheCandidateArm() {
        List<PromptExperiment.Arm> arms = new ArrayList<>();
        AnswerGenerator recording = (request, listener) -> {
            arms.add(request.plan().arm());
            return PRICED;
        };
        QueryService service = QueryService.builder((request, tracer) -> List.of(), recording)
                .experiment(new PromptExperiment(0.25), new SplittableRandom(7))
                .build();

        for (int i = 0; i < 2_000; i++) {
            service.ask(question(Set.of()));
        }

        long candidates =
                arms.stream().filter(a -> a == PromptExperiment.Arm.CANDIDATE).count();
        assertThat(candidates).isBetween(440L, 560L);
    }

    @Test
    void everyAnswerCachedOrNotIsToldToTheObserverWithItsRequest() {
        List<String> seen = new ArrayList<>();
        QueryService service = QueryService.builder((request, tracer) -> List.of(), (request, listener) -> PRICED)
                .cache(cache, indexVersion::get)
                .onAnswer((request, result) ->
                        seen.add(request.question() + " " + result.traceId() + " " + result.cached()))
                .build();

        QueryResult first = service.ask(question(Set.of()));
        QueryResult second = service.ask(question(Set.of()));

        assertThat(seen)
                .containsExactly(
                        "How many days? " + first.traceId() + " false", "How many days? " + second.traceId() + " true");
    }

    @Test
    void aQuestionThatFailsIsToldToTheFailureObserversAndTheErrorStillReachesTheCaller() {
        List<String> seen = new ArrayList<>();
        IllegalStateException down = new IllegalStateException("the index is unavailable");
        QueryService service = QueryService.builder(
                        (request, tracer) -> {
                            throw down;
                        },
                        (request, listener) -> PRICED)
                .onAnswer((request, result) -> seen.add("answered"))
                .onFailure((request, failure) ->
                        seen.add("failed " + request.filter().tenant() + " " + failure.getMessage()))
                .onFailure((request, failure) -> seen.add("second observer"))
                .build();

        assertThatThrownBy(() -> service.ask(question(Set.of()))).isSameAs(down);
        assertThat(seen).containsExactly("failed default the index is unavailable", "second observer");
    }

    private static final GuardVerdict BLOCKED = GuardVerdict.block("test@1", "not here", List.of("off_topic"));

    @Test
    void aQuestionTheGuardBlocksIsRefusedWithoutRetrievalGenerationOrCost() {
        AtomicInteger retrieved = new AtomicInteger();
        List<String> deltas = new ArrayList<>();
        QueryService service = QueryService.builder(
                        (request, tracer) -> {
                            retrieved.incrementAndGet();
                            return List.of();
                        },
                        (request, listener) -> {
                            generated.incrementAndGet();
                            return PRICED;
                        })
                .ledger(ledger)
                .questionGuard(question -> BLOCKED)
                .build();

        QueryResult result = service.ask(question(Set.of()), deltas::add);

        assertThat(result.answer()).isEqualTo(Answer.refusal(Generation.refusedQuestion()));
        assertThat(result.answer().abstained()).isTrue();
        assertThat(result.refusal()).contains(BLOCKED);
        assertThat(result.evidence()).isEmpty();
        assertThat(deltas).containsExactly(Answer.REFUSAL_MESSAGE);
        assertThat(retrieved).hasValue(0);
        assertThat(generated).hasValue(0);
        assertThat(recorded).isEmpty();
    }

    @Test
    void anAnswerTheGuardBlocksBecomesARefusalThatKeepsItsCostAndResetsTheStream() {
        List<String> events = new ArrayList<>();
        AnswerListener listener = new AnswerListener() {
            @Override
            public void onDelta(String text) {
                events.add(text);
            }

            @Override
            public void onReset() {
                events.add("<reset>");
            }
        };
        QueryService service = QueryService.builder((request, tracer) -> List.of(), (request, l) -> {
                    l.onDelta(PRICED.text());
                    return PRICED;
                })
                .ledger(ledger)
                .clock(clock)
                .answerGuard(answer -> answer.text().contains("25") ? BLOCKED : GuardVerdict.allow("test@1"))
                .build();

        QueryResult result = service.ask(question(Set.of("hr")), listener);

        assertThat(result.answer().text()).isEqualTo(Answer.REFUSAL_MESSAGE);
        assertThat(result.answer().citations()).isEmpty();
        assertThat(result.answer().generation()).isEqualTo(PRICED.generation());
        assertThat(result.refusal()).contains(BLOCKED);
        assertThat(events).containsExactly("25 days.", "<reset>", Answer.REFUSAL_MESSAGE);
        assertThat(recorded).as("the tokens were spent all the same").hasSize(1);
    }

    @Test
    void aRewritingAnswerGuardsChangesAreStreamedAndItsQuotesVerifiedAgain() {
        DocumentInfo doc = new DocumentInfo(
                "doc_1", 1, "default", "hr", Set.of(), "a.txt", "A", "text/plain", "en", "0".repeat(64), Instant.EPOCH);
        String text = "Staff get 25 days. See ![x](https://evil.example/?q=leave) for more.";
        Chunk chunk = new Chunk(
                "doc_1-v1-0000",
                doc,
                0,
                ChunkKind.PROSE,
                text,
                "",
                new Location(1, 1, List.of(), new Span(0, text.length())),
                "h",
                5);
        Citation kept = new Citation("a.txt", 1, "", "Staff get 25 days.", chunk.id(), "doc_1", 0.9);
        Citation linked =
                new Citation("a.txt", 1, "", "See ![x](https://evil.example/?q=leave)", chunk.id(), "doc_1", 0.8);
        Answer answer = new Answer("25 days. ![x](https://evil.example/?q=leave)", false, 0.9, List.of(kept, linked));
        RewritingGuard<Answer> stripping = a -> {
            List<Citation> quotes = a.citations().stream()
                    .map(c -> new Citation(
                            c.source(),
                            c.page(),
                            c.section(),
                            c.quote().replaceAll("!\\[.*\\)", "x"),
                            c.chunkId(),
                            c.documentId(),
                            c.score()))
                    .toList();
            Answer cleaned = new Answer(a.text().replaceAll(" !\\[.*\\)", ""), false, 0.9, quotes);
            return new Guarded<>(
                    cleaned, new GuardVerdict("strip@1", GuardVerdict.Action.FLAG, List.of("markdown_image")));
        };
        List<String> events = new ArrayList<>();
        AnswerListener listener = new AnswerListener() {
            @Override
            public void onDelta(String delta) {
                events.add(delta);
            }

            @Override
            public void onReset() {
                events.add("<reset>");
            }
        };
        QueryService service = QueryService.builder(
                        (request, tracer) -> List.of(new RetrievedChunk(chunk, 1, Map.of())), (request, l) -> answer)
                .answerGuard(stripping)
                .build();

        QueryResult result = service.ask(question(Set.of()), listener);

        assertThat(result.answer().text()).isEqualTo("25 days.");
        assertThat(result.answer().citations()).containsExactly(kept);
        assertThat(result.droppedCitations()).isEqualTo(1);
        assertThat(result.refusal()).isEmpty();
        assertThat(events).containsExactly("<reset>", "25 days.");
    }

    @Test
    void guardsThatAllowLeaveTheAnswerAsItWas() {
        QueryService service = QueryService.builder((request, tracer) -> List.of(), (request, listener) -> PRICED)
                .questionGuard(q -> GuardVerdict.allow("q@1"))
                .answerGuard(a -> new GuardVerdict("a@1", GuardVerdict.Action.FLAG, List.of("pii:email")))
                .build();

        QueryResult result = service.ask(question(Set.of()));

        assertThat(result.answer()).isEqualTo(PRICED);
        assertThat(result.refusal()).isEmpty();
    }

    @Test
    void timingsKeepTheirStepNamesAndLeaveTheTraceOnlySpansOut() {
        QueryService service = QueryService.builder(
                        (request, tracer) -> {
                            tracer.inSpan("bm25", List::of);
                            tracer.inSpan("rerank", List::of);
                            return List.of();
                        },
                        (request, listener) -> request.tracer().inSpan("extract", () -> PRICED))
                .build();

        QueryResult result = service.ask(question(Set.of()));

        assertThat(result.timingsMs().keySet())
                .containsExactly("bm25", "cache", "extract", "generate", "verify", "total");
    }

    @Test
    void theConfiguredTracerSeesEveryStepUnderOneQuerySpan() {
        RecordingTracer traced = new RecordingTracer();
        QueryService service = QueryService.builder(
                        (request, tracer) -> tracer.inSpan("bm25", List::of), (request, listener) -> PRICED)
                .tracer(traced)
                .build();

        service.ask(question(Set.of()));

        List<RecordingTracer.RecordedSpan> spans = traced.spans();
        RecordingTracer.RecordedSpan root = spans.getLast();
        assertThat(root.name()).isEqualTo("query");
        assertThat(spans)
                .extracting(RecordingTracer.RecordedSpan::name)
                .containsExactly(
                        "guard_question", "bm25", "cache", "cache", "generate", "verify", "guard_answer", "query");
        assertThat(spans.subList(0, spans.size() - 1))
                .allSatisfy(s -> assertThat(s.parent()).hasValue(root.id()));
    }

    @Test
    void everyAnswerIsRecordedAsARunUnderItsTraceId() {
        InMemoryRunStore runs = new InMemoryRunStore();
        DocumentInfo doc = new DocumentInfo(
                "doc_1", 1, "default", "hr", Set.of(), "a.txt", "A", "text/plain", "en", "0".repeat(64), Instant.EPOCH);
        Chunk chunk = new Chunk(
                "doc_1-v1-0000",
                doc,
                0,
                ChunkKind.PROSE,
                "Staff get 25 days.",
                "",
                new Location(1, 1, List.of(), new Span(0, 18)),
                "h",
                5);
        Citation cited = new Citation("a.txt", 1, "", "25 days.", chunk.id(), "doc_1", 0.9);
        Answer answer = PRICED.withCitations(List.of(cited));
        QueryService service = QueryService.builder(
                        (request, tracer) -> List.of(new RetrievedChunk(chunk, 1, Map.of())),
                        (request, listener) -> answer)
                .clock(clock)
                .runs(runs)
                .build();

        QueryResult result = service.ask(
                QueryRequest.of("How many days?", SearchFilter.collection("hr").withPrincipals(Set.of("sales", "hr"))));

        AnswerRun run = runs.find(result.traceId()).orElseThrow();
        assertThat(run.at()).isEqualTo(clock.instant());
        assertThat(run.collection()).isEqualTo("hr");
        assertThat(run.principals()).containsExactly("hr", "sales");
        assertThat(run.question()).isEqualTo("How many days?");
        assertThat(run.answer()).isEqualTo("25 days.");
        assertThat(run.generator()).isEqualTo("llm");
        assertThat(run.model()).contains("gpt-x");
        assertThat(run.prompt()).contains("answer@1");
        assertThat(run.citations()).containsExactly(new AnswerRun.Cited("doc_1", "doc_1-v1-0000"));
        assertThat(run.inputTokens()).isEqualTo(120);
        assertThat(run.outputTokens()).isEqualTo(30);
        assertThat(run.costUsd()).isEqualTo(0.0021);
        assertThat(run.timingsMs()).isEqualTo(result.timingsMs());
        assertThat(run.refusedBy()).isEmpty();
    }

    @Test
    void aRunKeepsTheCallerFiltersEvidenceLegsAttemptsAndGuardVerdictsWithTheQuestionScrubbed() {
        InMemoryRunStore runs = new InMemoryRunStore();
        DocumentInfo doc = new DocumentInfo(
                "doc_1", 1, "default", "hr", Set.of(), "a.txt", "A", "text/plain", "en", "0".repeat(64), Instant.EPOCH);
        Chunk chunk = new Chunk(
                "doc_1-v1-0000",
                doc,
                0,
                ChunkKind.PROSE,
                "Staff get 25 days.",
                "",
                new Location(1, 1, List.of(), new Span(0, 18)),
                "h",
                5);
        RetrievedChunk retrieved =
                new RetrievedChunk(chunk, 0.0325, Map.of("keyword", new LegHit(1, 7.5), "vector", new LegHit(3, 0.8)));
        // two provider attempts as the LLM generator traces them: a timeout, then a success
        AnswerGenerator twoAttempts = (request, listener) -> {
            try (Tracer.Span call = request.tracer().start("llm_call")) {
                call.attribute("gen_ai.provider.name", "openai")
                        .attribute("gen_ai.request.model", "gpt-x")
                        .attribute("verity.attempt", 1)
                        .attribute("verity.result", "timeout")
                        .attribute("error.type", "timeout");
            }
            try (Tracer.Span call = request.tracer().start("llm_call")) {
                call.attribute("gen_ai.provider.name", "openai")
                        .attribute("gen_ai.request.model", "gpt-x")
                        .attribute("gen_ai.response.model", "gpt-x-2026")
                        .attribute("gen_ai.usage.input_tokens", 120)
                        .attribute("gen_ai.usage.output_tokens", 30)
                        .attribute("verity.attempt", 2)
                        .attribute("verity.result", "ok");
            }
            return PRICED;
        };
        QueryService service = QueryService.builder((request, tracer) -> List.of(retrieved), twoAttempts)
                .answerGuard(a -> new GuardVerdict("pii@1", GuardVerdict.Action.FLAG, List.of("pii:email")))
                .runs(runs)
                .runScrubber(q -> q.replace("ana.berg@example.com", "[email]"))
                .build();
        SearchFilter filter =
                SearchFilter.collection("hr").withSources(Set.of("policies/")).withLanguages(Set.of("de"));

        QueryResult result =
                service.ask(new QueryRequest("Does ana.berg@example.com get 25 days?", filter, 8, RetrievalMode.HYBRID)
                        .withActor("key:k1"));

        AnswerRun run = runs.find(result.traceId()).orElseThrow();
        assertThat(run.question()).isEqualTo("Does [email] get 25 days?");
        assertThat(run.actor()).isEqualTo("key:k1");
        assertThat(run.outcome()).isEqualTo(result.outcome().code());
        assertThat(run.detail().filters().sources()).containsExactly("policies/");
        assertThat(run.detail().filters().languages()).containsExactly("de");
        assertThat(run.detail().evidence())
                .containsExactly(new RunDetail.Evidence(
                        "doc_1-v1-0000",
                        "doc_1",
                        0.0325,
                        Map.of("keyword", new RunDetail.Leg(1, 7.5), "vector", new RunDetail.Leg(3, 0.8))));
        assertThat(run.detail().attempts())
                .extracting(a -> a.attempt() + " " + a.provider() + " " + a.model() + " " + a.result() + " "
                        + a.inputTokens() + "/" + a.outputTokens())
                .containsExactly("1 openai gpt-x timeout 0/0", "2 openai gpt-x-2026 ok 120/30");
        assertThat(run.detail().guards())
                .containsExactly(
                        new RunDetail.GuardCheck("guard_question", "none", "allow", List.of()),
                        new RunDetail.GuardCheck("guard_answer", "pii@1", "flag", List.of("pii:email")));
    }

    @Test
    void aRefusedQuestionIsRecordedAsARunTooNamingTheGuard() {
        InMemoryRunStore runs = new InMemoryRunStore();
        QueryService service = QueryService.builder((request, tracer) -> List.of(), (request, listener) -> PRICED)
                .questionGuard(q -> BLOCKED)
                .runs(runs)
                .build();

        QueryResult result = service.ask(question(Set.of()));

        AnswerRun run = runs.find(result.traceId()).orElseThrow();
        assertThat(run.refusedBy()).contains("test@1");
        assertThat(run.generator()).isEqualTo(Generation.GUARD);
        assertThat(run.abstained()).isTrue();
    }

    @Test
    void saysWhichCitedPassagesHadNoVectorYetAndStopsSayingItOnceTheyHaveOne() {
        InMemoryIndex index = new InMemoryIndex();
        DocumentInfo doc = Passages.document("a.txt", "hr", Set.of());
        Chunk fresh = Passages.put(index, doc, "Staff get 25 days.").getFirst();
        index.replaceDocument(doc.id(), List.of(IndexedChunk.awaitingVector(fresh, GuardVerdict.NOT_SCANNED)));
        Citation cited = new Citation("a.txt", 1, "", "Staff get 25 days.", fresh.id(), doc.id(), 0.9);
        QueryService service = QueryService.builder(
                        (request, tracer) -> List.of(new RetrievedChunk(fresh, 1.0, Map.of())),
                        (request, listener) -> new Answer("25.", false, 0.9, List.of(cited)))
                .index(index)
                .build();

        QueryResult early = service.ask(question(Set.of()));
        index.setVectors(List.of(new ChunkVector(fresh.id(), fresh.contentHash(), WordVectors.embed(fresh.text()))));
        QueryResult later = service.ask(question(Set.of()));

        assertThat(early.citedWithoutVectors()).containsExactly(fresh.id());
        assertThat(early.partiallyEmbedded()).isTrue();
        assertThat(later.citedWithoutVectors()).isEmpty();
        assertThat(later.partiallyEmbedded()).isFalse();
    }
}
