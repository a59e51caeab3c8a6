package dev.verity.app.assembly;

import dev.verity.app.config.VerityConfig;
import dev.verity.eval.Workspace;
import dev.verity.eval.Workspaces;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.generation.prompt.ClasspathPromptRegistry;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.lucene.LuceneSettings;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalSettings;
import dev.verity.retrieval.Retriever;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application as {@code verity eval} runs against it: a {@link Verity} over the data folder of {@code --data}
 * (or {@code VERITY_DATA}), or over a fresh folder with nothing configured outside it.
 *
 * <p>Part of the composition root: the evaluation use-case ({@code dev.verity.eval.EvaluationService}) sees only the
 * {@link Workspace} seam, never the application it runs on.
 */
public final class EvalWorkspaces implements Workspaces {
    /** Environment variables that point at a server database, which a run in a fresh folder must not write to. */
    private static final String SERVER_DATABASE = "VERITY_DB_";

    private final Supplier<VerityConfig> existing;
    private final Supplier<VerityConfig> configured;
    private final Map<String, String> env;

    /**
     * @param existing the configuration of a data folder that must exist already (evaluating what it holds)
     * @param configured the configuration of the data folder to ingest into when the caller named one
     * @param env the environment, for the configuration of a fresh folder
     */
    public EvalWorkspaces(Supplier<VerityConfig> existing, Supplier<VerityConfig> configured, Map<String, String> env) {
        this.existing = Objects.requireNonNull(existing, "existing");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.env = Map.copyOf(env);
    }

    @Override
    public Workspace existing() {
        return new VerityWorkspace(Verity.forQueries(existing.get()));
    }

    @Override
    public Workspace configured() {
        return new VerityWorkspace(Verity.forWriting(configured.get()));
    }

    @Override
    public Workspace fresh(Path folder) {
        // all of it in the fresh folder: a configured server database must not receive the run's documents
        Map<String, String> local = new HashMap<>(env);
        local.keySet().removeIf(name -> name.startsWith(SERVER_DATABASE));
        return new VerityWorkspace(Verity.forWriting(VerityConfig.from(folder, local)));
    }

    /** A {@link Workspace} over an assembled application, which it closes. */
    private record VerityWorkspace(Verity verity) implements Workspace {
        @Override
        public Path dataDir() {
            return verity.config().dataDir();
        }

        @Override
        public List<IngestResult> ingest(
                List<SourceFile> files, IngestOptions options, IngestionWorkers.Listener listener) {
            return verity.components().ingestion().ingest(files, options, listener);
        }

        @Override
        public long chunkCount() {
            return verity.components().index().chunkCount();
        }

        @Override
        public Retriever retriever() {
            return verity.components().retriever();
        }

        @Override
        public QueryService answers() {
            return verity.query();
        }

        @Override
        public Optional<AnswerJudge> judge() {
            return verity.components().judge();
        }

        @Override
        public Map<String, String> describeRetrieval() {
            VerityConfig config = verity.config();
            Map<String, String> described = new LinkedHashMap<>();
            described.put("embedding", config.embedding().vectorSpace().toString());
            described.put("chunk_tokens", Integer.toString(config.chunking().maxTokens()));
            LuceneSettings lucene = LuceneSettings.defaults();
            described.put("bm25", "k1=" + lucene.bm25K1() + " b=" + lucene.bm25B());
            RetrievalSettings retrieval = RetrievalSettings.defaults();
            described.put(
                    "fusion",
                    "rrf k=" + retrieval.rrfK() + " weights bm25=" + retrieval.keywordWeight() + " vector="
                            + retrieval.vectorWeight() + " candidates=" + retrieval.candidatesPerLeg());
            return described;
        }

        @Override
        public Map<String, String> describeAnswers() {
            Map<String, String> described = new LinkedHashMap<>();
            var llm = verity.config().llm();
            if (llm.configured()) {
                described.put(
                        "generator",
                        String.join(
                                        " > ",
                                        llm.chain().stream()
                                                .map(p -> p.kind().name().toLowerCase(Locale.ROOT) + ":" + p.model())
                                                .toList())
                                + " > extractive");
                int version = llm.answers()
                        .promptVersion()
                        .orElseGet(() -> new ClasspathPromptRegistry()
                                .latest("answer")
                                .map(p -> p.version())
                                .orElse(0));
                described.put(
                        "prompt",
                        "answer@" + version
                                + llm.answers().candidateVersion().stream()
                                        .mapToObj(c -> " candidate answer@" + c + " share "
                                                + llm.answers().candidateShare())
                                        .findFirst()
                                        .orElse(""));
                llm.answers()
                        .routing()
                        .ifPresent(r -> described.put(
                                "routing", r.easyModel() + " / " + r.hardModel() + " at " + r.threshold()));
            } else {
                described.put("generator", "extractive");
            }
            return described;
        }

        @Override
        public void close() {
            verity.close();
        }
    }
}
