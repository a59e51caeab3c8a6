package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.Json;
import dev.verity.document.DocumentIds;
import dev.verity.eval.compare.Bootstrap;
import dev.verity.eval.compare.Comparison;
import dev.verity.eval.dataset.BeirCorpus;
import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.dataset.DatasetFormat;
import dev.verity.eval.dataset.Datasets;
import dev.verity.eval.gate.Baseline;
import dev.verity.eval.gate.Gate;
import dev.verity.eval.gate.GateResult;
import dev.verity.eval.report.CaseReport;
import dev.verity.eval.report.Report;
import dev.verity.eval.report.ReportWriter;
import dev.verity.eval.report.Reports;
import dev.verity.eval.report.RunInfo;
import dev.verity.eval.review.Grades;
import dev.verity.eval.review.ReviewSample;
import dev.verity.eval.run.EvalRunner;
import dev.verity.eval.run.EvalSettings;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.SourceFiles;
import dev.verity.internal.Hashing;
import dev.verity.lucene.LuceneSettings;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity eval}: scores retrieval per mode and answers on a dataset, writes report.json, report.html and
 * report.md, and gates against a baseline. Subcommands sample answers for human review, read the grades back, and
 * compare two runs.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate retrieval (per mode) and answers on a dataset: a Verity JSONL question set or a BEIR"
                + " folder. Writes report.json, report.html and report.md.",
            "With --corpus the corpus is ingested first, into a fresh temporary data folder (or into --data when"
                    + " given); otherwise the collection in the data folder is evaluated.",
            "Exit code 0, or 4 when --baseline is given and a gated metric dropped by more than the tolerance."},
        subcommands = {EvalCommand.Sample.class, EvalCommand.GradesCommand.class, EvalCommand.Compare.class,
            EvalCalibrateCommand.class})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "PATH", description = "A .jsonl question set, or a BEIR folder.")
    Path dataset;

    @Option(names = "--format", paramLabel = "verity|beir",
            description = "Dataset format. Default: beir for a folder, verity for a file.")
    String format;

    @Option(names = "--split", paramLabel = "S", defaultValue = "test",
            description = "BEIR qrels split (qrels/S.tsv). Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N cases.")
    Integer limit;

    @Option(names = "--corpus", paramLabel = "PATH",
            description = "Ingest this first (repeatable): files and folders; for BEIR the dataset folder or its"
                    + " corpus.jsonl.")
    List<Path> corpus = new ArrayList<>();

    @Option(names = "--restricted", paramLabel = "PATH=P1,P2",
            description = "Also ingest PATH visible only to these principals (repeatable), e.g."
                    + " samples/restricted=hr.")
    List<String> restricted = new ArrayList<>();

    @Mixin
    DataOptions data;

    @Option(names = "--collection", paramLabel = "NAME", defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "Collection to evaluate (and ingest into). Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(names = "--modes", paramLabel = "M1,M2", split = ",", defaultValue = "bm25,vector,hybrid",
            description = "Retrieval modes to score. Default: ${DEFAULT-VALUE}.")
    List<String> modes;

    @Option(names = "--k", paramLabel = "N", defaultValue = "" + EvalSettings.DEFAULT_K,
            description = "Passages counted for context precision and recall. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Cases evaluated at once. Default: ${DEFAULT-VALUE}, which keeps latencies free of"
                    + " contention between cases.")
    int parallel;

    @Option(names = "--no-answers", description = "Score retrieval only, even when the dataset labels answers.")
    boolean noAnswers;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the reports. Default: eval-reports/<date-time>.")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Gate against this baseline.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "" + Gate.DEFAULT_TOLERANCE,
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
            throw new IllegalArgumentException("--dataset is required (a .jsonl question set or a BEIR folder); see"
                    + " verity eval --help");
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
        List<Ingestion> ingestions = ingestions(set);
        Path temporary = null;
        VerityConfig config;
        if (ingestions.isEmpty()) {
            config = data.existing();
        } else if (data.data != null) {
            config = data.config();
        } else {
            temporary = Files.createTempDirectory("verity-eval-");
            // all of it in the temporary folder: a configured server database must not receive the run's documents
            Map<String, String> env = new HashMap<>(System.getenv());
            env.keySet().removeIf(name -> name.startsWith("VERITY_DB_"));
            config = VerityConfig.from(temporary, env);
        }
        try (Verity verity = ingestions.isEmpty() ? Verity.forQueries(config) : Verity.forWriting(config)) {
            RunInfo.IngestInfo ingested = ingestions.isEmpty() ? null : ingest(verity, ingestions, settings, stderr);
            Instant started = Instant.now();
            Optional<AnswerJudge> judge = verity.components().judge();
            Optional<QueryService> answerer = set.answerLabels() && settings.answers()
                    ? Optional.of(verity.query()) : Optional.empty();
            EvalRunner runner = new EvalRunner(verity.components().retriever(), answerer, judge);
            boolean asks = runner.asksAnswers(set, settings);
            stderr.printf("evaluating %d cases: %s%s%n", set.cases().size(), String.join(", ", codes(settings)),
                    asks ? ", answers" + judge.map(j -> ", judge " + j.id()).orElse("") : "");
            stderr.flush();
            List<CaseReport> cases;
            try (ProgressBar progress = ProgressBar.onTerminal("evaluating", set.cases().size())) {
                cases = runner.run(set, settings, (id, done, total) -> progress.update(done, id));
            }
            Instant finished = Instant.now();
            Map<String, String> described = describe(verity.config(), settings, asks);
            RunInfo run = new RunInfo(set.name(), set.format().code(), set.split().orElse(null), cases.size(),
                    codes(settings), settings.k(), settings.depth(), settings.collection(),
                    asks ? EvalSettings.code(settings.answerMode()) : null, asks ? settings.answerTopK() : null,
                    fingerprint(described), described, asks ? judge.map(AnswerJudge::id).orElse(null) : null,
                    started.toString(), finished.toString(), finished.toEpochMilli() - started.toEpochMilli(),
                    ingested);
            Report report = Report.of(run, cases);
            Path folder = out != null ? out : Path.of("eval-reports",
                    LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            ReportWriter.write(report, folder);

            Optional<GateResult> gate = Optional.empty();
            String baselineNote = null;
            if (baseline != null && updateBaseline) {
                Baseline.of(report).write(baseline);
                baselineNote = "baseline written to " + baseline;
            } else if (baseline != null) {
                gate = Optional.of(Gate.check(report, Baseline.read(baseline), tolerance));
            }
            if (json) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("run", report.run());
                summary.put("retrieval", report.retrieval());
                summary.put("answers", report.answers());
                summary.put("judge", report.judge());
                summary.put("reports", folder.toAbsolutePath().toString());
                gate.ifPresent(g -> summary.put("gate", g));
                stdout.println(Reports.JSON.writeValueAsString(summary));
            } else {
                stdout.print(ReportWriter.markdown(report).lines().takeWhile(l -> !l.startsWith("## Per tag"))
                        .reduce("", (a, b) -> a + b + "\n"));
                stdout.println("Reports: " + folder.resolve(ReportWriter.HTML_FILE) + " (and report.json, report.md)");
                gate.ifPresent(g -> stdout.println(g.describe()));
                if (baselineNote != null) {
                    stdout.println(baselineNote);
                }
            }
            stdout.flush();
            return gate.map(g -> g.passed() ? 0 : VerityCommand.EXIT_GATE_FAILED).orElse(0);
        } finally {
            if (temporary != null) {
                deleteRecursively(temporary);
            }
        }
    }

    /** A set of files to ingest with its ACL; a BEIR corpus is converted to text files first. */
    private record Ingestion(Path path, Set<String> acl, boolean beir) {}

    private List<Ingestion> ingestions(Dataset set) {
        List<Ingestion> list = new ArrayList<>();
        for (Path path : corpus) {
            boolean beir = set.format() == DatasetFormat.BEIR;
            if (beir && !Files.isRegularFile(beirCorpus(path))) {
                throw new IllegalArgumentException("--corpus of a BEIR dataset is its folder or its corpus.jsonl; no "
                        + beirCorpus(path));
            }
            list.add(new Ingestion(path, Set.of(), beir));
        }
        for (String entry : restricted) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--restricted takes PATH=P1,P2 (the principals that may see PATH),"
                        + " got \"" + entry + "\"");
            }
            list.add(new Ingestion(Path.of(entry.substring(0, eq)),
                    Set.of(entry.substring(eq + 1).split(",")), false));
        }
        return list;
    }

    private static Path beirCorpus(Path path) {
        return Files.isDirectory(path) ? path.resolve(BeirCorpus.FILE) : path;
    }

    private RunInfo.IngestInfo ingest(Verity verity, List<Ingestion> ingestions, EvalSettings settings,
            PrintWriter stderr) throws IOException {
        long start = System.nanoTime();
        int documents = 0;
        int rejected = 0;
        List<String> names = new ArrayList<>();
        IngestionService ingestion = verity.components().ingestion();
        for (Ingestion i : ingestions) {
            names.add(i.path() + (i.acl().isEmpty() ? "" : " (acl " + String.join(",", new TreeSet<>(i.acl())) + ")"));
            Path converted = null;
            try {
                List<SourceFile> files;
                if (i.beir()) {
                    converted = Files.createTempDirectory("verity-beir-");
                    files = BeirCorpus.writeDocuments(beirCorpus(i.path()), converted);
                } else {
                    files = SourceFiles.expand(List.of(i.path()));
                }
                stderr.printf("ingesting %d documents from %s into %s…%n", files.size(), i.path(),
                        verity.config().dataDir());
                stderr.flush();
                List<IngestResult> results;
                try (ProgressBar progress = ProgressBar.onTerminal("ingesting", files.size())) {
                    results = ingestion.ingest(files, IngestOptions.into(settings.collection()).withAcl(i.acl()),
                            (result, done, total) -> progress.update(done, result.source()));
                }
                for (IngestResult r : results) {
                    if (r.status() == IngestStatus.REJECTED) {
                        rejected++;
                        stderr.println("rejected " + r.source() + ": " + r.message());
                    } else {
                        documents++;
                    }
                }
            } finally {
                if (converted != null) {
                    deleteRecursively(converted);
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long chunks = verity.components().index().chunkCount();
        stderr.printf("ingested %d documents (%d rejected), %d chunks in %.1f s%n", documents, rejected, chunks,
                ms / 1000.0);
        return new RunInfo.IngestInfo(String.join(", ", names), documents, rejected, chunks, ms);
    }

    private static List<String> codes(EvalSettings settings) {
        return settings.modes().stream().map(EvalSettings::code).toList();
    }

    /** What decides the scores, as the run's fingerprint covers it. */
    static Map<String, String> describe(VerityConfig config, EvalSettings settings, boolean answers) {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("embedding", config.embedding().vectorSpace().toString());
        described.put("chunk_tokens", Integer.toString(config.chunking().maxTokens()));
        LuceneSettings lucene = LuceneSettings.defaults();
        described.put("bm25", "k1=" + lucene.bm25K1() + " b=" + lucene.bm25B());
        RetrievalSettings retrieval = RetrievalSettings.defaults();
        described.put("fusion", "rrf k=" + retrieval.rrfK() + " weights bm25=" + retrieval.keywordWeight()
                + " vector=" + retrieval.vectorWeight() + " candidates=" + retrieval.candidatesPerLeg());
        described.put("eval", "modes=" + String.join(",", codes(settings)) + " k=" + settings.k() + " depth="
                + settings.depth());
        if (answers) {
            described.put("answers", "mode=" + EvalSettings.code(settings.answerMode()) + " top_k="
                    + settings.answerTopK());
            var llm = config.llm();
            if (llm.configured()) {
                described.put("generator", String.join(" > ", llm.chain().stream()
                        .map(p -> p.kind().name().toLowerCase(Locale.ROOT) + ":" + p.model()).toList())
                        + " > extractive");
                int version = llm.answers().promptVersion().orElseGet(() -> new ClasspathPromptRegistry()
                        .latest("answer").map(p -> p.version()).orElse(0));
                described.put("prompt", "answer@" + version + llm.answers().candidateVersion().stream()
                        .mapToObj(c -> " candidate answer@" + c + " share " + llm.answers().candidateShare())
                        .findFirst().orElse(""));
                llm.answers().routing().ifPresent(r -> described.put("routing", r.easyModel() + " / " + r.hardModel()
                        + " at " + r.threshold()));
            } else {
                described.put("generator", "extractive");
            }
        }
        return described;
    }

    /** The first 16 hex characters of SHA-256 over the description's lines. */
    static String fingerprint(Map<String, String> described) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(described).forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        return Hashing.sha256(lines.toString()).substring(0, 16);
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete the temporary folder " + folder + ": " + e.getMessage());
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Export a random sample of a run's answers for human grading (CSV or JSONL by extension),"
                    + " with citations and their passages, the reference, judge scores and empty human_* columns.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--run", paramLabel = "DIR", required = true,
                description = "The run's report folder (or its report.json).")
        Path run;

        @Option(names = "--n", paramLabel = "N", defaultValue = "50", description = "Answers to sample. Default:"
                + " ${DEFAULT-VALUE}.")
        int n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + ReviewSample.DEFAULT_SEED,
                description = "Random seed: the same seed draws the same sample. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "review.csv or review.jsonl.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<CaseReport> sample = ReviewSample.draw(Reports.read(run), n, seed);
            ReviewSample.write(sample, out);
            spec.commandLine().getOut().printf("%d answers written to %s: fill in the human_* columns (0–1 or"
                    + " yes/no), then run verity eval grades %s%n", sample.size(), out, out);
            return 0;
        }
    }

    @Command(name = "grades", mixinStandardHelpOptions = true,
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
                summary.put("dimensions", grades.summary().stream().map(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", d.name());
                    m.put("graded", d.graded());
                    m.put("human_mean", finite(d.humanMean()));
                    m.put("pairs", d.agreement().pairs());
                    m.put("agreement", finite(d.agreement().percent()));
                    m.put("kappa", finite(d.agreement().kappa()));
                    return m;
                }).toList());
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
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Paired comparison of two runs on the same dataset: per metric, the mean per-case"
                    + " difference B − A with a bootstrap 95% confidence interval.",
                "With one run and --modes A,B: two retrieval modes of that run compared the same way."})
    static final class Compare implements Callable<Integer> {
        @Parameters(paramLabel = "REPORT", arity = "1..2", description = "report.json files or run folders: A, B.")
        List<Path> reports;

        @Option(names = "--modes", paramLabel = "A,B", split = ",", description = "Compare two modes of one run.")
        List<String> modes;

        @Option(names = "--resamples", paramLabel = "N", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
                description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
        int resamples;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Bootstrap.DEFAULT_SEED,
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
                    throw new IllegalArgumentException("--modes A,B compares two modes of one run: give one report"
                            + " and two modes");
                }
                comparison = Comparison.ofModes(Reports.read(reports.getFirst()), modes.get(0).strip(),
                        modes.get(1).strip(), resamples, seed);
            } else {
                if (reports.size() != 2) {
                    throw new IllegalArgumentException("compare takes two reports (A and B), or one with --modes A,B");
                }
                comparison = Comparison.of(Reports.read(reports.get(0)), Reports.read(reports.get(1)), resamples,
                        seed);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Reports.JSON.writeValueAsString(comparison) + "\n" : comparison.markdown());
            out.flush();
            return 0;
        }
    }
}
