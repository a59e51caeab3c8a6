package dev.verity.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.dataset.DatasetFormat;
import dev.verity.eval.report.ReportWriter;
import dev.verity.eval.report.RunInfo;
import dev.verity.eval.run.EvalSettings;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.query.QueryService;
import dev.verity.retrieval.Retriever;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EvaluationService} over a fake workspace holding the {@link World}: which folder, what is ingested, what is
 * written.
 */
class EvaluationServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeWorkspaces workspaces = new FakeWorkspaces();
    private final Notes notes = new Notes();
    private final EvaluationService service = new EvaluationService(workspaces, CLOCK);

    @Test
    void withoutACorpusTheDataFolderIsEvaluatedAsItIs() throws IOException {
        EvaluationResult result = service.evaluate(request(List.of(), false), notes);

        assertThat(workspaces.opened).containsExactly("existing");
        assertThat(workspaces.workspace.closed).isTrue();
        assertThat(workspaces.workspace.ingested).isEmpty();
        assertThat(result.report().run().ingest()).isNull();
        assertThat(result.report().cases()).hasSize(4);
        assertThat(result.folder()).isEqualTo(dir.resolve("reports"));
        assertThat(dir.resolve("reports").resolve(ReportWriter.HTML_FILE)).isRegularFile();
        assertThat(result.gate()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(notes.lines).containsExactly("evaluating 4 cases: bm25, vector, hybrid, answers");
        assertThat(notes.phases).containsExactly("evaluating 4: 4 done, closed");
    }

    @Test
    void aCorpusIsIngestedIntoAFreshFolderThatIsDeletedWhenTheRunEnds() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("handbook.txt"), "Employees receive 25 days of paid leave.");
        Files.writeString(corpus.resolve("empty.txt"), "");
        Path restricted = Files.createDirectories(dir.resolve("restricted"));
        Files.writeString(restricted.resolve("salaries.txt"), "L4 maximum: 175000");

        EvaluationResult result = service.evaluate(
                request(
                        List.of(
                                CorpusSource.of(corpus, DatasetFormat.VERITY),
                                CorpusSource.restricted(restricted, Set.of("hr", "finance"))),
                        false),
                notes);

        assertThat(workspaces.opened).singleElement().asString().startsWith("fresh ");
        Path fresh = workspaces.workspace.dataDir;
        assertThat(fresh.getFileName().toString()).startsWith("verity-eval-");
        assertThat(fresh).doesNotExist();
        assertThat(workspaces.workspace.closed).isTrue();
        assertThat(workspaces.workspace.ingested)
                .containsExactly(
                        "default [] empty.txt", "default [] handbook.txt", "default [finance, hr] salaries.txt");
        RunInfo.IngestInfo ingested = result.report().run().ingest();
        assertThat(ingested.corpus()).isEqualTo(corpus + ", " + restricted + " (acl finance,hr)");
        assertThat(ingested.documents()).isEqualTo(2);
        assertThat(ingested.rejected()).isEqualTo(1);
        assertThat(ingested.chunks()).isEqualTo(FakeWorkspace.CHUNKS);
        assertThat(notes.lines.get(0)).isEqualTo("ingesting 2 documents from " + corpus + " into " + fresh + "…");
        assertThat(notes.lines.get(1)).startsWith("rejected empty.txt: the file is empty. The file has no bytes.");
        assertThat(notes.lines.get(2)).isEqualTo("ingesting 1 documents from " + restricted + " into " + fresh + "…");
        assertThat(notes.lines.get(3)).matches("ingested 2 documents \\(1 rejected\\), 7 chunks in \\d+[.,]\\d s");
        assertThat(notes.phases)
                .containsExactly(
                        "ingesting 2: 2 done, closed", "ingesting 1: 1 done, closed", "evaluating 4: 4 done, closed");
    }

    @Test
    void aCorpusGoesIntoTheConfiguredDataFolderWhenAskedTo() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("faq.txt"), "Parking is free for staff.");

        service.evaluate(request(List.of(CorpusSource.of(corpus, DatasetFormat.VERITY)), true), notes);

        assertThat(workspaces.opened).containsExactly("configured");
        assertThat(workspaces.workspace.ingested).containsExactly("default [] faq.txt");
    }

    @Test
    void aBeirCorpusIsIngestedAsOneTextFilePerDocument() throws IOException {
        Path beir = Files.createDirectories(dir.resolve("beir"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Leave", "text": "Employees receive 25 days."}
                {"_id": "d2", "text": "Parking is free."}
                """);

        service.evaluate(request(List.of(CorpusSource.of(beir, DatasetFormat.BEIR)), false), notes);

        assertThat(workspaces.workspace.ingested).containsExactly("default [] d1", "default [] d2");
        assertThat(workspaces.workspace.ingestedFiles)
                .allSatisfy(file -> assertThat(file).doesNotExist());
    }

    @Test
    void aBeirCorpusMustHoldItsCorpusFile() {
        assertThatThrownBy(() -> CorpusSource.of(dir, DatasetFormat.BEIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--corpus of a BEIR dataset is its folder or its corpus.jsonl; no "
                        + dir.resolve("corpus.jsonl"));
    }

    @Test
    void theRunIsDescribedInReportOrderAndFingerprinted() throws IOException {
        EvaluationResult result = service.evaluate(request(List.of(), false), notes);

        RunInfo run = result.report().run();
        assertThat(run.config())
                .containsExactly(
                        Map.entry("embedding", "fake 8d"),
                        Map.entry("eval", "modes=bm25,vector,hybrid k=10 depth=200"),
                        Map.entry("answers", "mode=hybrid top_k=8"),
                        Map.entry("generator", "extractive"));
        assertThat(run.configFingerprint())
                .isEqualTo(EvaluationService.fingerprint(run.config()))
                .hasSize(16);
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("generator", "extractive");
        reordered.putAll(run.config());
        assertThat(EvaluationService.fingerprint(reordered)).isEqualTo(run.configFingerprint());
        reordered.put("generator", "openai:gpt > extractive");
        assertThat(EvaluationService.fingerprint(reordered)).isNotEqualTo(run.configFingerprint());
        assertThat(run.startedAt()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void retrievalOnlyRunsNeitherAskNorDescribeAnswers() throws IOException {
        workspaces.workspace.judge = Optional.of(World.judge());
        EvaluationRequest request = request(List.of(), false);
        request = new EvaluationRequest(
                request.dataset(),
                request.settings().withAnswers(false),
                List.of(),
                false,
                request.out(),
                Optional.empty(),
                0.02,
                false);

        EvaluationResult result = service.evaluate(request, notes);

        assertThat(workspaces.workspace.answersAsked).isFalse();
        assertThat(result.report().run().config()).doesNotContainKeys("answers", "generator");
        assertThat(result.report().run().judge()).isNull();
        assertThat(notes.lines).containsExactly("evaluating 4 cases: bm25, vector, hybrid");
    }

    @Test
    void aBaselineIsWrittenThenGatedAgainstAndARegressionFailsTheGate() throws IOException {
        Path baseline = dir.resolve("baseline.json");
        EvaluationRequest plain = request(List.of(), false);
        EvaluationResult written = service.evaluate(
                new EvaluationRequest(
                        plain.dataset(),
                        plain.settings(),
                        List.of(),
                        false,
                        plain.out(),
                        Optional.of(baseline),
                        0.02,
                        true),
                notes);
        assertThat(written.baselineWritten()).contains(baseline);
        assertThat(written.gate()).isEmpty();
        assertThat(baseline).isRegularFile();

        EvaluationRequest gated = new EvaluationRequest(
                plain.dataset(), plain.settings(), List.of(), false, plain.out(), Optional.of(baseline), 0.02, false);
        assertThat(service.evaluate(gated, notes).passed()).isTrue();

        workspaces.workspace.q1Wrong = true; // q1 abstains now: answer metrics drop by far more than 0.02
        EvaluationResult regressed = service.evaluate(gated, notes);
        assertThat(regressed.gate()).isPresent();
        assertThat(regressed.passed()).isFalse();
    }

    @Test
    void theWorkspaceIsClosedAndTheFreshFolderDeletedWhenTheRunFails() throws IOException {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(corpus.resolve("faq.txt"), "Parking is free for staff.");
        EvaluationRequest plain = request(List.of(CorpusSource.of(corpus, DatasetFormat.VERITY)), false);
        EvaluationRequest gated = new EvaluationRequest(
                plain.dataset(),
                plain.settings(),
                plain.corpus(),
                false,
                plain.out(),
                Optional.of(dir.resolve("missing.json")),
                0.02,
                false);

        assertThatThrownBy(() -> service.evaluate(gated, notes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no such baseline: ");

        assertThat(workspaces.workspace.closed).isTrue();
        assertThat(workspaces.workspace.dataDir).doesNotExist();
    }

    @Test
    void updatingABaselineNeedsItsFile() {
        EvaluationRequest plain = request(List.of(), false);
        assertThatThrownBy(() -> new EvaluationRequest(
                        plain.dataset(), plain.settings(), List.of(), false, plain.out(), Optional.empty(), 0.02, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("updateBaseline needs a baseline: the file to write");
    }

    private EvaluationRequest request(List<CorpusSource> corpus, boolean intoDataFolder) {
        Dataset world = World.dataset();
        return new EvaluationRequest(
                world,
                EvalSettings.defaults(),
                corpus,
                intoDataFolder,
                Optional.of(dir.resolve("reports")),
                Optional.empty(),
                0.02,
                false);
    }

    /** Opens one {@link FakeWorkspace} per run and remembers how. */
    private static final class FakeWorkspaces implements Workspaces {
        final List<String> opened = new ArrayList<>();
        FakeWorkspace workspace = new FakeWorkspace(Path.of("configured-data"));

        @Override
        public Workspace existing() {
            opened.add("existing");
            return workspace;
        }

        @Override
        public Workspace configured() {
            opened.add("configured");
            return workspace;
        }

        @Override
        public Workspace fresh(Path folder) {
            assertThat(folder).isEmptyDirectory();
            opened.add("fresh " + folder);
            workspace.dataDir = folder;
            return workspace;
        }
    }

    /** The world's retriever and answers; ingestion rejects empty files and indexes the rest. */
    private static final class FakeWorkspace implements Workspace {
        static final long CHUNKS = 7;

        Path dataDir;
        Optional<AnswerJudge> judge = Optional.empty();
        boolean q1Wrong;
        boolean answersAsked;
        boolean closed;
        final List<String> ingested = new ArrayList<>();
        final List<Path> ingestedFiles = new ArrayList<>();

        FakeWorkspace(Path dataDir) {
            this.dataDir = dataDir;
        }

        @Override
        public Path dataDir() {
            return dataDir;
        }

        @Override
        public List<IngestResult> ingest(
                List<SourceFile> files, IngestOptions options, IngestionWorkers.Listener listener) {
            List<IngestResult> results = new ArrayList<>();
            for (SourceFile file : files.stream()
                    .sorted(java.util.Comparator.comparing(SourceFile::source))
                    .toList()) {
                ingested.add(options.collection() + " "
                        + options.acl().stream().sorted().toList() + " " + file.source());
                ingestedFiles.add(file.path());
                IngestResult result;
                try {
                    result = Files.size(file.path()) == 0
                            ? new IngestResult(
                                    file.source(),
                                    IngestStatus.REJECTED,
                                    Optional.of(new Rejection(RejectionReason.EMPTY, "the file is empty")),
                                    "doc-" + file.source(),
                                    0,
                                    0)
                            : new IngestResult(
                                    file.source(),
                                    IngestStatus.INDEXED,
                                    Optional.empty(),
                                    "doc-" + file.source(),
                                    1,
                                    1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                results.add(result);
                listener.onResult(result, results.size(), files.size());
            }
            return results;
        }

        @Override
        public long chunkCount() {
            return CHUNKS;
        }

        @Override
        public Retriever retriever() {
            return World.retriever(false);
        }

        @Override
        public QueryService answers() {
            answersAsked = true;
            return World.answerer(World.retriever(false), q1Wrong);
        }

        @Override
        public Optional<AnswerJudge> judge() {
            return judge;
        }

        @Override
        public Map<String, String> describeRetrieval() {
            return Map.of("embedding", "fake 8d");
        }

        @Override
        public Map<String, String> describeAnswers() {
            return Map.of("generator", "extractive");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Remembers the notes and each phase's progress. */
    private static final class Notes implements EvaluationListener {
        final List<String> lines = new ArrayList<>();
        final List<String> phases = new ArrayList<>();

        @Override
        public void note(String line) {
            lines.add(line);
        }

        @Override
        public Progress progress(String phase, int total) {
            int index = phases.size();
            phases.add(phase + " " + total);
            return new Progress() {
                int done;

                @Override
                public void update(int done, String item) {
                    this.done = done;
                }

                @Override
                public void close() {
                    phases.set(index, phase + " " + total + ": " + done + " done, closed");
                }
            };
        }
    }
}
