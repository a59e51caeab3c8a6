package dev.verity.app.cli;

import dev.verity.app.assembly.EvalWorkspaces;
import dev.verity.app.assembly.Verity;
import dev.verity.app.json.Json;
import dev.verity.document.DocumentIds;
import dev.verity.eval.CorpusSource;
import dev.verity.eval.EvaluationListener;
import dev.verity.eval.EvaluationRequest;
import dev.verity.eval.EvaluationResult;
import dev.verity.eval.EvaluationService;
import dev.verity.eval.compare.Bootstrap;
import dev.verity.eval.compare.Comparison;
import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.dataset.DatasetFormat;
import dev.verity.eval.dataset.Datasets;
import dev.verity.eval.gate.Gate;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.Report;
import dev.verity.eval.report.ReportWriter;
import dev.verity.eval.report.Reports;
import dev.verity.eval.review.Grades;
import dev.verity.eval.review.ReviewSample;
import dev.verity.eval.run.EvalSettings;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunStore;
import dev.verity.runs.RunViewer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity eval}: scores retrieval per mode and answers on a dataset, writes report.json, report.html and
 * report.md, and gates against a baseline. Subcommands sample answers for human review, read the grades back, compare
 * two runs and calibrate the judge.
 *
 * <p>Options and printing only: the evaluation is verity-eval's {@link EvaluationService}, over the application as
 * {@link EvalWorkspaces} opens it.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate retrieval (per mode) and answers on a dataset: a Verity JSONL question set or a BEIR"
                    + " folder. Writes report.json, report.html and report.md.",
            "With --corpus the corpus is ingested first, into a fresh temporary data folder (or into --data when"
                    + " given); otherwise the collection in the data folder is evaluated.",
            "Exit code 0, or 4 when --baseline is given and a gated metric dropped by more than the tolerance."
        },
        subcommands = {
            EvalCommand.Sample.class,
            EvalCommand.GradesCommand.class,
            EvalCommand.Compare.class,
            EvalCalibrateCommand.class
        })
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "PATH", description = "A .jsonl question set, or a BEIR folder.")
    Path dataset;

    @Option(
            names = "--format",
            paramLabel = "verity|beir",
            description = "Dataset format. Default: beir for a folder, verity for a file.")
    String format;

    @Option(
            names = "--split",
            paramLabel = "S",
            defaultValue = "test",
            description = "BEIR qrels split (qrels/S.tsv). Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N cases.")
    Integer limit;

    @Option(
            names = "--corpus",
            paramLabel = "PATH",
            description = "Ingest this first (repeatable): files and folders; for BEIR the dataset folder or its"
                    + " corpus.jsonl.")
    List<Path> corpus = new ArrayList<>();

    @Option(
            names = "--restricted",
            paramLabel = "PATH=P1,P2",
            description =
                    "Also ingest PATH visible only to these principals (repeatable), e.g." + " samples/restricted=hr.")
    List<String> restricted = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Option(
            names = "--collection",
            paramLabel = "NAME",
            defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "Collection to evaluate (and ingest into). Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(
            names = "--modes",
            paramLabel = "M1,M2",
            split = ",",
            defaultValue = "bm25,vector,hybrid",
            description = "Retrieval modes to score. Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "" + EvalSettings.DEFAULT_K,
            description = "Passages counted for context precision and recall. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "1",
            description = "Cases evaluated at once. Default: ${DEFAULT-VALUE}, which keeps latencies free of"
                    + " contention between cases.")
    int parallel;

    @Option(names = "--no-answers", description = "Score retrieval only, even when the dataset labels answers.")
    boolean noAnswers;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the reports. Default: eval-reports/<date-time>.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Gate against this baseline.")
    Path baseline;

    @Option(
            names = "--tolerance",
            paramLabel = "X",
            defaultValue = "" + Gate.DEFAULT_TOLERANCE,
            description = "Largest drop a gated metric may take. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--update-baseline", description = "Write this run as the new --baseline instead of gating.")
    boolean updateBaseline;

    @Option(names = "--json", description = "Print the report's aggregates (and the gate's verdict) as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (dataset == null) {
            throw new IllegalArgumentException(
                    "--dataset is required (a .jsonl question set or a BEIR folder); see" + " verity eval --help");
        }
        if (updateBaseline && baseline == null) {
            throw new IllegalArgumentException("--update-baseline needs --baseline FILE: the file to write");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Optional<DatasetFormat> chosen = Optional.ofNullable(format).map(DatasetFormat::parse);
        Dataset set = Datasets.read(dataset, chosen, split);
        if (limit != null) {
            set = set.limit(limit);
        }
        EvalSettings settings = EvalSettings.defaults()
                .withModes(modes.stream().map(RetrievalMode::parse).toList())
                .withK(k)
                .withCollection(DocumentIds.requireCollection(collection))
                .withAnswers(!noAnswers)
                .withParallelism(parallel);
        EvaluationRequest request = new EvaluationRequest(
                set,
                settings,
                corpus(set),
                data.data != null,
                Optional.ofNullable(out),
                Optional.ofNullable(baseline),
                tolerance,
                updateBaseline);
        EvaluationResult result = new EvaluationService(
                        new EvalWorkspaces(data::existing, data::config, System.getenv()))
                .evaluate(request, new Terminal(stderr));

        Report report = result.report();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("run", report.run());
            summary.put("retrieval", report.retrieval());
            summary.put("answers", report.answers());
            summary.put("judge", report.judge());
            summary.put("reports", result.folder().toAbsolutePath().toString());
            result.gate().ifPresent(g -> summary.put("gate", g));
            stdout.println(Reports.JSON.writeValueAsString(summary));
        } else {
            stdout.print(ReportWriter.markdown(report)
                    .lines()
                    .takeWhile(l -> !l.startsWith("## Per tag"))
                    .reduce("", (a, b) -> a + b + "\n"));
            stdout.println(
                    "Reports: " + result.folder().resolve(ReportWriter.HTML_FILE) + " (and report.json, report.md)");
            result.gate().ifPresent(g -> stdout.println(g.describe()));
            result.baselineWritten().ifPresent(file -> stdout.println("baseline written to " + file));
        }
        stdout.flush();
        return result.passed() ? 0 : ExitCodes.GATE_FAILED;
    }

    /** The --corpus and --restricted options, in that order. */
    private List<CorpusSource> corpus(Dataset set) {
        List<CorpusSource> list = new ArrayList<>();
        for (Path path : corpus) {
            list.add(CorpusSource.of(path, set.format()));
        }
        for (String entry : restricted) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "--restricted takes PATH=P1,P2 (the principals that may see PATH)," + " got \"" + entry + "\"");
            }
            list.add(CorpusSource.restricted(
                    Path.of(entry.substring(0, eq)),
                    Set.of(entry.substring(eq + 1).split(","))));
        }
        return list;
    }

    /** Notes on stderr, flushed at once, and a progress bar per phase when stderr is a terminal. */
    private record Terminal(PrintWriter stderr) implements EvaluationListener {
        @Override
        public void note(String line) {
            stderr.println(line);
            stderr.flush();
        }

        @Override
        public Progress progress(String phase, int total) {
            ProgressBar bar = ProgressBar.onTerminal(phase, total);
            return new Progress() {
                @Override
                public void update(int done, String item) {
                    bar.update(done, item);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
    }

    @Command(
            name = "sample",
            mixinStandardHelpOptions = true,
            description = {
                "Export a random sample of a run's answers for human grading (CSV or JSONL by extension),"
                        + " with citations and their passages, the reference, judge scores and empty human_* columns.",
                "--from-runs samples the answers `verity serve` kept (see `verity runs`) instead: real questions,"
                        + " e.g. the thumbs-down ones with --rating down."
            })
    static final class Sample implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Option(names = "--run", paramLabel = "DIR", description = "The run's report folder (or its report.json).")
        Path run;

        @Option(
                names = "--from-runs",
                description = "Sample the production runs the server kept instead of an evaluation run.")
        boolean fromRuns;

        @Option(names = "--rating", paramLabel = "up|down", description = "With --from-runs: only runs rated so.")
        String rating;

        @Option(
                names = "--since",
                paramLabel = "WHEN",
                description = "With --from-runs: only runs from then on (2026-12-01, an instant, 7d).")
        String since;

        @Option(
                names = "--tenant",
                paramLabel = "TENANT",
                defaultValue = DocumentIds.DEFAULT_TENANT,
                description = "With --from-runs: whose runs. Default: ${DEFAULT-VALUE}.")
        String tenant;

        @Option(
                names = {"-n", "--n"},
                paramLabel = "N",
                defaultValue = "50",
                description = "Answers to sample. Default:" + " ${DEFAULT-VALUE}.")
        int n;

        @Option(
                names = "--seed",
                paramLabel = "S",
                defaultValue = "" + ReviewSample.DEFAULT_SEED,
                description = "Random seed: the same seed draws the same sample. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "review.csv or review.jsonl.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (fromRuns == (run != null)) {
                throw new IllegalArgumentException(
                        "name what to sample: --run DIR (an evaluation run) or --from-runs (the runs the server kept)");
            }
            if (!fromRuns && (rating != null || since != null)) {
                throw new IllegalArgumentException("--rating and --since apply to --from-runs only");
            }
            List<CaseReport> sample;
            if (fromRuns) {
                RunQuery query = RunsCommand.query(tenant, RunStore.MAX_RECENT, null, rating, since);
                try (Verity verity = Verity.forQueries(data.existingFolder())) {
                    sample = ReviewSample.drawRuns(verity.runs().list(RunViewer.operator(tenant), query), n, seed);
                }
            } else {
                sample = ReviewSample.draw(Reports.read(run), n, seed);
            }
            ReviewSample.write(sample, out);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%d answers written to %s: fill in the human_* columns (0–1 or"
                                    + " yes/no), then run verity eval grades %s%n",
                            sample.size(), out, out);
            return 0;
        }
    }

    @Command(
            name = "grades",
            mixinStandardHelpOptions = true,
            description = "Read human grades from a review sample and report human scores and judge-human agreement"
                    + " (percent agreement and Cohen's kappa).")
    static final class GradesCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The graded review.csv or review.jsonl.")
        Path file;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Grades grades = Grades.read(file);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("rows", grades.rows().size());
                summary.put("graded", grades.graded());
                summary.put(
                        "dimensions",
                        grades.summary().stream()
                                .map(d -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("name", d.name());
                                    m.put("graded", d.graded());
                                    m.put("human_mean", finite(d.humanMean()));
                                    m.put("pairs", d.agreement().n());
                                    m.put("agreement", orNull(d.agreement().observed()));
                                    m.put("kappa", orNull(d.agreement().kappa()));
                                    return m;
                                })
                                .toList());
                out.println(Json.line(summary));
            } else {
                out.print(grades.describe());
            }
            out.flush();
            return 0;
        }

        private static Double finite(double value) {
            return Double.isNaN(value) ? null : value;
        }

        private static Double orNull(OptionalDouble value) {
            return value.isPresent() ? value.getAsDouble() : null;
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = {
                "Paired comparison of two runs on the same dataset: per metric, the mean per-case"
                        + " difference B − A with a bootstrap 95%% confidence interval.",
                "With one run and --modes A,B: two retrieval modes of that run compared the same way."
            })
    static final class Compare implements Callable<Integer> {
        @Parameters(paramLabel = "REPORT", arity = "1..2", description = "report.json files or run folders: A, B.")
        List<Path> reports;

        @Option(names = "--modes", paramLabel = "A,B", split = ",", description = "Compare two modes of one run.")
        List<String> modes;

        @Option(
                names = "--resamples",
                paramLabel = "N",
                defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
                description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
        int resamples;

        @Option(
                names = "--seed",
                paramLabel = "S",
                defaultValue = "" + Bootstrap.DEFAULT_SEED,
                description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--json", description = "Print the comparison as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Comparison comparison;
            if (modes != null) {
                if (reports.size() != 1 || modes.size() != 2) {
                    throw new IllegalArgumentException(
                            "--modes A,B compares two modes of one run: give one report" + " and two modes");
                }
                comparison = Comparison.ofModes(
                        Reports.read(reports.getFirst()),
                        modes.get(0).strip(),
                        modes.get(1).strip(),
                        resamples,
                        seed);
            } else {
                if (reports.size() != 2) {
                    throw new IllegalArgumentException("compare takes two reports (A and B), or one with --modes A,B");
                }
                comparison = Comparison.of(Reports.read(reports.get(0)), Reports.read(reports.get(1)), resamples, seed);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Reports.JSON.writeValueAsString(comparison) + "\n" : comparison.markdown());
            out.flush();
            return 0;
        }
    }
}
