package dev.verity.eval.run;

import static dev.verity.eval.report.MetricNames.answers;
import static dev.verity.eval.report.MetricNames.judge;
import static dev.verity.eval.report.MetricNames.retrieval;

import dev.verity.document.Chunk;
import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.dataset.EvalCase;
import dev.verity.eval.metrics.AnswerText;
import dev.verity.eval.metrics.ContextMetrics;
import dev.verity.eval.metrics.Passage;
import dev.verity.eval.metrics.RankingMetrics;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.CaseReport.AnswerReport;
import dev.verity.eval.report.CaseReport.AssertionReport;
import dev.verity.eval.report.CaseReport.CitationReport;
import dev.verity.eval.report.CaseReport.ClaimReport;
import dev.verity.eval.report.CaseReport.JudgeReport;
import dev.verity.eval.report.CaseReport.ModeReport;
import dev.verity.eval.report.CaseReport.PassageReport;
import dev.verity.eval.report.CaseReport.RankedDocument;
import dev.verity.eval.report.MetricNames;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.JudgeRequest;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.Generation;
import dev.verity.index.SearchFilter;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a dataset. Per case:
 *
 * <ol>
 *   <li>Retrieve with each mode ({@link Retriever}, the case's principals in the filter), {@code depth} chunks deep;
 *       rank documents by their best chunk and score nDCG@10, recall@1/5/10/20/100 and MRR@10 against the case's
 *       graded relevance, and context precision/recall over the first {@code k} chunks.
 *   <li>When answers are evaluated, ask the question ({@link QueryService}) and check the answer: must answer or
 *       abstain, must contain, must cite an expected source (on an expected page), no leak (no {@code must_not_contain}
 *       string, no chunk the caller may not see in the evidence or any mode's results), valid structure (text, a
 *       citation for an answer, every quote inside the chunk it cites). Score right-with-citation, exact match and
 *       token F1 against the reference, citation precision, abstention, latency, tokens and cost.
 *   <li>When a judge is given and the case was answered (not abstained), ask it to grade faithfulness, relevance and
 *       correctness; a {@link JudgementException} is recorded on the case and counted, and the run goes on.
 * </ol>
 *
 * Cases run one after another by default, so latencies are not inflated by each other; with
 * {@link EvalSettings#parallelism()} above 1 they run that many at a time (the report keeps dataset order).
 */
public final class EvalRunner {
    /** Documents kept per case and mode in the report: enough to see what nDCG@10 saw. */
    private static final int DOCUMENTS_KEPT = 10;
    /** Retrieved passages are shortened to this many characters in the report; citations keep their full passage. */
    private static final int PASSAGE_CHARS = 700;

    private final Retriever retriever;
    private final Optional<QueryService> answerer;
    private final Optional<AnswerJudge> judge;

    /**
     * @param retriever scores each retrieval mode
     * @param answerer answers the questions; without one only retrieval is scored
     * @param judge grades answered cases, when present
     */
    public EvalRunner(Retriever retriever, Optional<QueryService> answerer, Optional<AnswerJudge> judge) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.judge = Objects.requireNonNull(judge, "judge");
    }

    /** Whether this run asks for answers: the settings want them, the dataset labels them and there is an answerer. */
    public boolean asksAnswers(Dataset dataset, EvalSettings settings) {
        return settings.answers() && dataset.answerLabels() && answerer.isPresent();
    }

    /** The cases' reports, in dataset order. */
    public List<CaseReport> run(Dataset dataset, EvalSettings settings, RunListener listener) {
        boolean ask = asksAnswers(dataset, settings);
        int total = dataset.cases().size();
        if (settings.parallelism() == 1) {
            List<CaseReport> reports = new ArrayList<>(total);
            for (EvalCase c : dataset.cases()) {
                reports.add(evaluate(c, settings, ask));
                listener.onCase(c.id(), reports.size(), total);
            }
            return reports;
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "verity-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CaseReport>> futures = new ArrayList<>(total);
            for (EvalCase c : dataset.cases()) {
                futures.add(workers.submit(() -> {
                    CaseReport report = evaluate(c, settings, ask);
                    synchronized (listener) {
                        listener.onCase(c.id(), done.incrementAndGet(), total);
                    }
                    return report;
                }));
            }
            List<CaseReport> reports = new ArrayList<>(total);
            for (Future<CaseReport> future : futures) {
                reports.add(await(future));
            }
            return reports;
        } finally {
            workers.shutdownNow();
        }
    }

    private static CaseReport await(Future<CaseReport> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the evaluation was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a case failed: " + e.getCause(), e.getCause());
        }
    }

    private CaseReport evaluate(EvalCase c, EvalSettings settings, boolean ask) {
        SearchFilter filter = new SearchFilter(
                settings.tenant(),
                settings.collection(),
                c.principals(),
                Set.of(),
                Set.of(),
                Set.of(),
                Optional.empty(),
                Optional.empty());
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, ModeReport> modes = new LinkedHashMap<>();
        Set<String> invisible = new TreeSet<>();
        for (RetrievalMode mode : settings.modes()) {
            String code = EvalSettings.code(mode);
            long start = System.nanoTime();
            List<RetrievedChunk> chunks = retriever.retrieve(
                    new RetrievalRequest(c.question(), filter, settings.depth(), mode), Tracer.noop());
            double ms = millisSince(start);
            invisible.addAll(invisible(chunks, filter));
            modes.put(code, modeReport(c, chunks, ms, mode == settings.primaryMode() ? settings.passagesKept() : 0));
            metrics.putAll(retrievalMetrics(c, code, chunks, settings.k()));
            metrics.put(retrieval(code, MetricNames.LATENCY_MS), ms);
        }
        if (!ask) {
            return new CaseReport(
                    c.id(),
                    c.question(),
                    c.answerable(),
                    c.tags(),
                    c.expectedSources(),
                    c.expectedPages(),
                    c.referenceAnswer(),
                    modes,
                    null,
                    null,
                    metrics,
                    null);
        }
        long start = System.nanoTime();
        QueryResult result = answerer.orElseThrow()
                .ask(new QueryRequest(c.question(), filter, settings.answerTopK(), settings.answerMode()));
        double ms = millisSince(start);
        invisible.addAll(invisible(result.evidence(), filter));
        AnswerReport answer = answerReport(c, result, ms, invisible, metrics);
        JudgeReport graded = answer.abstained()
                ? null
                : judge.map(j -> grade(j, c, answer, metrics)).orElse(null);
        boolean passed = answer.assertions().stream().allMatch(AssertionReport::passed);
        return new CaseReport(
                c.id(),
                c.question(),
                c.answerable(),
                c.tags(),
                c.expectedSources(),
                c.expectedPages(),
                c.referenceAnswer(),
                modes,
                answer,
                graded,
                metrics,
                passed);
    }

    /** Documents in rank order, each at the rank of its best chunk. */
    static List<String> rankDocuments(List<RetrievedChunk> chunks) {
        LinkedHashSet<String> documents = new LinkedHashSet<>();
        chunks.forEach(r -> documents.add(r.chunk().document().source()));
        return List.copyOf(documents);
    }

    static Map<String, Double> retrievalMetrics(EvalCase c, String mode, List<RetrievedChunk> chunks, int k) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (!c.hasRelevantDocuments()) {
            return metrics; // no relevant document, no defined score (trec_eval skips such queries)
        }
        List<String> documents = rankDocuments(chunks);
        metrics.put(retrieval(mode, MetricNames.NDCG_10), RankingMetrics.ndcg(documents, c.relevance(), 10));
        for (int cutoff : MetricNames.RECALL_CUTOFFS) {
            metrics.put(
                    retrieval(mode, MetricNames.recall(cutoff)),
                    RankingMetrics.recall(documents, c.relevance(), cutoff));
        }
        metrics.put(retrieval(mode, MetricNames.MRR_10), RankingMetrics.reciprocalRank(documents, c.relevance(), 10));
        List<Passage> context =
                chunks.stream().limit(k).map(r -> passage(r.chunk())).toList();
        metrics.put(
                retrieval(mode, MetricNames.CONTEXT_PRECISION),
                ContextMetrics.precision(context, c.relevance(), c.expectedPages()));
        metrics.put(
                retrieval(mode, MetricNames.CONTEXT_RECALL),
                ContextMetrics.recall(context, c.relevance(), c.expectedPages()));
        return metrics;
    }

    private static ModeReport modeReport(EvalCase c, List<RetrievedChunk> chunks, double ms, int passagesKept) {
        List<RankedDocument> documents = new ArrayList<>();
        for (String source : rankDocuments(chunks)) {
            if (documents.size() == DOCUMENTS_KEPT) {
                break;
            }
            documents.add(new RankedDocument(
                    documents.size() + 1, source, c.relevance().getOrDefault(source, 0)));
        }
        List<PassageReport> passages = new ArrayList<>();
        for (RetrievedChunk r : chunks.subList(0, Math.min(passagesKept, chunks.size()))) {
            Chunk chunk = r.chunk();
            passages.add(new PassageReport(
                    passages.size() + 1,
                    chunk.id(),
                    chunk.document().source(),
                    chunk.location().pageStart(),
                    chunk.location().section(),
                    r.score(),
                    ContextMetrics.isRelevant(passage(chunk), c.relevance(), c.expectedPages()),
                    shorten(chunk.text())));
        }
        return new ModeReport(documents, passages, ms);
    }

    private static AnswerReport answerReport(
            EvalCase c, QueryResult result, double ms, Set<String> invisible, Map<String, Double> metrics) {
        Answer answer = result.answer();
        Map<String, Chunk> evidence = new LinkedHashMap<>();
        result.evidence().forEach(r -> evidence.put(r.chunk().id(), r.chunk()));

        List<CitationReport> citations = new ArrayList<>();
        for (Citation cit : answer.citations()) {
            Chunk chunk = evidence.get(cit.chunkId());
            citations.add(new CitationReport(
                    cit.source(),
                    cit.page(),
                    cit.section(),
                    cit.quote(),
                    cit.chunkId(),
                    cit.score(),
                    chunk == null ? "" : chunk.text(),
                    supports(c, cit)));
        }
        List<String> missing = c.mustContain().stream()
                .filter(s -> !AnswerText.contains(answer.text(), s))
                .toList();
        boolean citesExpected = answer.citations().stream().anyMatch(cit -> supports(c, cit));
        String everything = answer.text() + "\n"
                + String.join(
                        "\n", answer.citations().stream().map(Citation::quote).toList());
        List<String> leaks = new ArrayList<>();
        c.mustNotContain().stream()
                .filter(s -> AnswerText.contains(everything, s))
                .forEach(s -> leaks.add("\"" + s + "\" in the answer"));
        invisible.forEach(source -> leaks.add("not visible to the caller: " + source));

        List<AssertionReport> assertions = new ArrayList<>();
        if (c.answerable()) {
            assertions.add(new AssertionReport(
                    "must_answer",
                    !answer.abstained(),
                    answer.abstained() ? "abstained on an answerable question" : ""));
            if (!c.mustContain().isEmpty()) {
                assertions.add(new AssertionReport(
                        "must_contain",
                        missing.isEmpty(),
                        missing.isEmpty() ? "" : "missing " + String.join(", ", quoted(missing))));
            }
            if (!c.expectedSources().isEmpty()) {
                assertions.add(new AssertionReport(
                        "must_cite",
                        citesExpected,
                        citesExpected
                                ? ""
                                : "cited "
                                        + (answer.citations().isEmpty()
                                                ? "nothing"
                                                : String.join(
                                                        ", ",
                                                        answer.citations().stream()
                                                                .map(EvalRunner::where)
                                                                .distinct()
                                                                .toList()))));
            }
        } else {
            assertions.add(new AssertionReport(
                    "must_abstain", answer.abstained(), answer.abstained() ? "" : "answered an unanswerable question"));
        }
        assertions.add(new AssertionReport("no_leak", leaks.isEmpty(), String.join("; ", leaks)));
        String structure = structureProblem(answer, evidence);
        assertions.add(new AssertionReport("valid_structure", structure.isEmpty(), structure));

        boolean right = c.answerable() && !answer.abstained() && missing.isEmpty() && citesExpected;
        if (c.answerable()) {
            metrics.put(answers(MetricNames.RIGHT_WITH_CITATION), right ? 1.0 : 0.0);
            if (!c.referenceAnswer().isBlank()) {
                String prediction = answer.abstained() ? "" : answer.text();
                metrics.put(
                        answers(MetricNames.EXACT_MATCH),
                        AnswerText.exactMatch(prediction, c.referenceAnswer()) ? 1.0 : 0.0);
                metrics.put(answers(MetricNames.F1), AnswerText.tokenF1(prediction, c.referenceAnswer()));
            }
            if (!answer.abstained() && !c.expectedSources().isEmpty()) {
                long supporting =
                        citations.stream().filter(CitationReport::supporting).count();
                metrics.put(
                        answers(MetricNames.CITATION_PRECISION),
                        citations.isEmpty() ? 0.0 : (double) supporting / citations.size());
            }
        } else {
            metrics.put(answers(MetricNames.ABSTAIN_RECALL), answer.abstained() ? 1.0 : 0.0);
        }
        if (answer.abstained()) {
            metrics.put(answers(MetricNames.ABSTAIN_PRECISION), c.answerable() ? 0.0 : 1.0);
        }
        metrics.put(answers(MetricNames.LEAKS), (double) leaks.size());
        metrics.put(
                answers(MetricNames.ASSERTIONS_PASSED),
                assertions.stream().allMatch(AssertionReport::passed) ? 1.0 : 0.0);
        Generation generation = answer.generation();
        metrics.put(answers(MetricNames.LATENCY_MS), ms);
        metrics.put(answers(MetricNames.COST_USD), generation.costUsd());
        metrics.put(
                answers(MetricNames.INPUT_TOKENS), (double) generation.usage().inputTokens());
        metrics.put(
                answers(MetricNames.OUTPUT_TOKENS), (double) generation.usage().outputTokens());

        return new AnswerReport(
                answer.text(),
                answer.abstained(),
                answer.confidence(),
                citations,
                ms,
                generation.costUsd(),
                generation.usage().inputTokens(),
                generation.usage().outputTokens(),
                generation.generator(),
                generation.model().orElse(null),
                generation
                        .prompt()
                        .map(p -> p.id() + "@" + p.version()
                                + p.arm().map(a -> " (" + a + ")").orElse(""))
                        .orElse(null),
                generation.degraded(),
                generation.degradedReason().orElse(null),
                assertions,
                leaks);
    }

    private static JudgeReport grade(AnswerJudge judge, EvalCase c, AnswerReport answer, Map<String, Double> metrics) {
        List<String> contexts = answer.citations().stream()
                .map(CitationReport::passage)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
        Optional<String> reference =
                c.referenceAnswer().isBlank() ? Optional.empty() : Optional.of(c.referenceAnswer());
        Judgement judgement;
        try {
            judgement =
                    judge.judge(new JudgeRequest(c.question(), answer.text(), answer.abstained(), contexts, reference));
        } catch (JudgementException e) {
            return new JudgeReport(judge.id(), null, null, null, List.of(), 0, e.getMessage());
        }
        Double faithfulness =
                judgement.faithfulness().isPresent() ? judgement.faithfulness().getAsDouble() : null;
        Double correctness =
                judgement.correctness().isPresent() ? judgement.correctness().getAsDouble() : null;
        if (faithfulness != null) {
            metrics.put(judge(MetricNames.FAITHFULNESS), faithfulness);
        }
        metrics.put(judge(MetricNames.RELEVANCE), judgement.relevance());
        if (correctness != null) {
            metrics.put(judge(MetricNames.CORRECTNESS), correctness);
        }
        return new JudgeReport(
                judgement.judge(),
                faithfulness,
                judgement.relevance(),
                correctness,
                judgement.claims().stream()
                        .map(cl -> new ClaimReport(cl.text(), cl.supported()))
                        .toList(),
                judgement.costUsd(),
                null);
    }

    /** Labelled evidence: an expected source, on an expected page when pages are labelled. */
    private static boolean supports(EvalCase c, Citation citation) {
        return c.expectedSources().contains(citation.source())
                && (c.expectedPages().isEmpty() || c.expectedPages().contains(citation.page()));
    }

    /** Empty when the answer is well formed, else what is wrong with it. */
    static String structureProblem(Answer answer, Map<String, Chunk> evidence) {
        if (answer.text().isBlank()) {
            return "the answer text is blank";
        }
        if (!answer.abstained() && answer.citations().isEmpty()) {
            return "an answer without a citation";
        }
        for (Citation citation : answer.citations()) {
            Chunk chunk = evidence.get(citation.chunkId());
            if (chunk == null) {
                return "citation of " + citation.chunkId() + ", which is not in the evidence";
            }
            if (!chunk.document().source().equals(citation.source())) {
                return "citation names " + citation.source() + " but chunk " + chunk.id() + " is from "
                        + chunk.document().source();
            }
            if (!chunk.text().contains(citation.quote())) {
                return "the quote from " + citation.chunkId() + " is not in its text";
            }
        }
        return "";
    }

    private static Set<String> invisible(List<RetrievedChunk> chunks, SearchFilter filter) {
        Set<String> sources = new TreeSet<>();
        for (RetrievedChunk r : chunks) {
            var doc = r.chunk().document();
            if (!doc.visibleTo(filter.principals())
                    || !doc.collection().equals(filter.collection())
                    || !doc.tenant().equals(filter.tenant())) {
                sources.add(doc.source());
            }
        }
        return sources;
    }

    /** Milliseconds since {@code start} (a {@code System.nanoTime()}), to the microsecond. */
    private static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 1e3) / 1e3;
    }

    private static Passage passage(Chunk chunk) {
        return new Passage(
                chunk.document().source(),
                chunk.location().pageStart(),
                chunk.location().pageEnd());
    }

    private static String where(Citation citation) {
        return citation.page() > 0 ? citation.source() + " p." + citation.page() : citation.source();
    }

    private static List<String> quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList();
    }

    private static String shorten(String text) {
        return text.length() <= PASSAGE_CHARS ? text : text.substring(0, PASSAGE_CHARS) + "…";
    }
}
