package dev.verity.eval;

import dev.verity.eval.dataset.BeirCorpus;
import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.gate.Baseline;
import dev.verity.eval.gate.Gate;
import dev.verity.eval.gate.GateResult;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.Report;
import dev.verity.eval.report.ReportWriter;
import dev.verity.eval.report.RunInfo;
import dev.verity.eval.run.EvalRunner;
import dev.verity.eval.run.EvalSettings;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.SourceFiles;
import dev.verity.internal.Hashing;
import dev.verity.query.QueryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code verity eval} use-case: scores retrieval per mode and answers on a dataset, writes the reports and gates
 * them against a baseline.
 *
 * <ol>
 *   <li>Opens a {@link Workspace} from {@link Workspaces}: the data folder as it is when there is nothing to ingest;
 *       with a corpus, the configured data folder ({@link EvaluationRequest#intoDataFolder()}) or a fresh temporary
 *       folder, deleted when the run ends so that nothing of it outlives the run.
 *   <li>Ingests each {@link CorpusSource} in order (a BEIR corpus converted to text files first), noting rejections.
 *   <li>Runs every case with an {@link EvalRunner}: each retrieval mode, then the answer when the dataset labels
 *       answers, then the judge when one is configured.
 *   <li>Describes what decides the scores (the workspace's configuration and the run's settings) and fingerprints it,
 *       so two reports can be told comparable or not.
 *   <li>Writes {@code report.json}, {@code report.html} and {@code report.md}, then gates against the baseline, or
 *       writes the baseline.
 * </ol>
 *
 * <pre>{@code
 * EvaluationService service = new EvaluationService(workspaces);
 * EvaluationResult result = service.evaluate(new EvaluationRequest(VerityJsonl.read(golden), EvalSettings.defaults(),
 *         List.of(CorpusSource.of(corpus, DatasetFormat.VERITY)), false, Optional.empty(),
 *         Optional.of(baseline), Gate.DEFAULT_TOLERANCE, false), EvaluationListener.silent());
 * if (!result.passed()) { … }
 * }</pre>
 */
public final class EvaluationService {
    /** The folder the reports go under when no {@link EvaluationRequest#out()} is given, one folder per run. */
    public static final Path DEFAULT_REPORTS = Path.of("eval-reports");

    private static final DateTimeFormatter RUN_FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Workspaces workspaces;
    private final Clock clock;

    public EvaluationService(Workspaces workspaces) {
        this(workspaces, Clock.systemDefaultZone());
    }

    /** With this clock for the run's timestamps and the default report folder's name: for tests. */
    EvaluationService(Workspaces workspaces, Clock clock) {
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the evaluation; {@code listener} hears what is ingested and evaluated. */
    public EvaluationResult evaluate(EvaluationRequest request, EvaluationListener listener) throws IOException {
        Path temporary = null;
        try {
            Workspace opened;
            if (request.corpus().isEmpty()) {
                opened = workspaces.existing();
            } else if (request.intoDataFolder()) {
                opened = workspaces.configured();
            } else {
                temporary = Files.createTempDirectory("verity-eval-");
                opened = workspaces.fresh(temporary);
            }
            try (Workspace workspace = opened) {
                return evaluate(workspace, request, listener);
            }
        } finally {
            if (temporary != null) {
                deleteRecursively(temporary, listener);
            }
        }
    }

    private EvaluationResult evaluate(Workspace workspace, EvaluationRequest request, EvaluationListener listener)
            throws IOException {
        Dataset set = request.dataset();
        EvalSettings settings = request.settings();
        RunInfo.IngestInfo ingested =
                request.corpus().isEmpty() ? null : ingest(workspace, request.corpus(), settings, listener);
        Instant started = clock.instant();
        Optional<AnswerJudge> judge = workspace.judge();
        Optional<QueryService> answerer =
                set.answerLabels() && settings.answers() ? Optional.of(workspace.answers()) : Optional.empty();
        EvalRunner runner = new EvalRunner(workspace.retriever(), answerer, judge);
        boolean asks = runner.asksAnswers(set, settings);
        listener.note(String.format(
                "evaluating %d cases: %s%s",
                set.cases().size(),
                String.join(", ", codes(settings)),
                asks ? ", answers" + judge.map(j -> ", judge " + j.id()).orElse("") : ""));
        List<CaseReport> cases;
        try (EvaluationListener.Progress progress =
                listener.progress("evaluating", set.cases().size())) {
            cases = runner.run(set, settings, (id, done, total) -> progress.update(done, id));
        }
        Instant finished = clock.instant();
        Map<String, String> described = describe(workspace, settings, asks);
        RunInfo run = new RunInfo(
                set.name(),
                set.format().code(),
                set.split().orElse(null),
                cases.size(),
                codes(settings),
                settings.k(),
                settings.depth(),
                settings.collection(),
                asks ? EvalSettings.code(settings.answerMode()) : null,
                asks ? settings.answerTopK() : null,
                fingerprint(described),
                described,
                asks ? judge.map(AnswerJudge::id).orElse(null) : null,
                started.toString(),
                finished.toString(),
                finished.toEpochMilli() - started.toEpochMilli(),
                ingested);
        Report report = Report.of(run, cases);
        Path folder = request.out()
                .orElseGet(
                        () -> DEFAULT_REPORTS.resolve(LocalDateTime.now(clock).format(RUN_FOLDER)));
        ReportWriter.write(report, folder);

        Optional<GateResult> gate = Optional.empty();
        Optional<Path> written = Optional.empty();
        if (request.updateBaseline()) {
            Path baseline = request.baseline().orElseThrow();
            Baseline.of(report).write(baseline);
            written = Optional.of(baseline);
        } else if (request.baseline().isPresent()) {
            gate = Optional.of(
                    Gate.check(report, Baseline.read(request.baseline().get()), request.tolerance()));
        }
        return new EvaluationResult(report, folder, gate, written);
    }

    private static RunInfo.IngestInfo ingest(
            Workspace workspace, List<CorpusSource> corpus, EvalSettings settings, EvaluationListener listener)
            throws IOException {
        long start = System.nanoTime();
        int documents = 0;
        int rejected = 0;
        List<String> names = new ArrayList<>();
        for (CorpusSource source : corpus) {
            names.add(source.describe());
            Path converted = null;
            try {
                List<SourceFile> files;
                if (source.beir()) {
                    converted = Files.createTempDirectory("verity-beir-");
                    files = BeirCorpus.writeDocuments(source.beirCorpus(), converted);
                } else {
                    files = SourceFiles.expand(List.of(source.path()));
                }
                listener.note(String.format(
                        "ingesting %d documents from %s into %s…", files.size(), source.path(), workspace.dataDir()));
                List<IngestResult> results;
                try (EvaluationListener.Progress progress = listener.progress("ingesting", files.size())) {
                    results = workspace.ingest(
                            files,
                            IngestOptions.into(settings.collection()).withAcl(source.acl()),
                            (result, done, total) -> progress.update(done, result.source()));
                }
                for (IngestResult r : results) {
                    if (r.status() == IngestStatus.REJECTED) {
                        rejected++;
                        listener.note("rejected " + r.source() + ": " + r.message());
                    } else {
                        documents++;
                    }
                }
            } finally {
                if (converted != null) {
                    deleteRecursively(converted, listener);
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long chunks = workspace.chunkCount();
        listener.note(String.format(
                "ingested %d documents (%d rejected), %d chunks in %.1f s", documents, rejected, chunks, ms / 1000.0));
        return new RunInfo.IngestInfo(String.join(", ", names), documents, rejected, chunks, ms);
    }

    private static List<String> codes(EvalSettings settings) {
        return settings.modes().stream().map(EvalSettings::code).toList();
    }

    /**
     * What decides the scores, as the run's fingerprint covers it: the workspace's retrieval configuration, the run's
     * settings, and with answers their settings and the workspace's answer configuration.
     */
    static Map<String, String> describe(Workspace workspace, EvalSettings settings, boolean answers) {
        Map<String, String> described = new LinkedHashMap<>(workspace.describeRetrieval());
        described.put(
                "eval",
                "modes=" + String.join(",", codes(settings)) + " k=" + settings.k() + " depth=" + settings.depth());
        if (answers) {
            described.put(
                    "answers", "mode=" + EvalSettings.code(settings.answerMode()) + " top_k=" + settings.answerTopK());
            described.putAll(workspace.describeAnswers());
        }
        return described;
    }

    /** The first 16 hex characters of SHA-256 over the description's lines, {@code key=value} sorted by key. */
    static String fingerprint(Map<String, String> described) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(described)
                .forEach((key, value) ->
                        lines.append(key).append('=').append(value).append('\n'));
        return Hashing.sha256(lines.toString()).substring(0, 16);
    }

    /** Deletes a folder the run made; a failure is noted, not thrown, for the run's outcome matters more. */
    private static void deleteRecursively(Path folder, EvaluationListener listener) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            listener.note("warning: could not delete the temporary folder " + folder + ": " + e.getMessage());
        }
    }
}
