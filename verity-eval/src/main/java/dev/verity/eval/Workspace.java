package dev.verity.eval;

import dev.verity.evaluation.AnswerJudge;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.query.QueryService;
import dev.verity.retrieval.Retriever;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application an evaluation runs against, over one data folder: what ingests a corpus, what retrieves, answers and
 * judges, and what decides the scores. {@link Workspaces} opens one; {@link EvaluationService} closes it when the run
 * ends.
 *
 * <p>Every method but {@link #dataDir()} may build the part it returns on first use (an embedding model, an LLM
 * client), so the service asks only for what the run needs: {@link #answers()} only when answers are scored.
 *
 * <p>Implementations: the application's, over its composition root ({@code EvalWorkspaces} in verity-app); fakes in
 * this module's tests.
 */
public interface Workspace extends AutoCloseable {
    /** The data folder: where a corpus is ingested to, and what the reports say it was ingested into. */
    Path dataDir();

    /**
     * Ingests the files and returns one result per file, in input order, once all are durable; {@code listener} hears
     * of each as it finishes.
     */
    List<IngestResult> ingest(List<SourceFile> files, IngestOptions options, IngestionWorkers.Listener listener);

    /** Chunks in the index, every collection counted. */
    long chunkCount();

    /** The retriever scored in every mode. */
    Retriever retriever();

    /** What answers the questions, as users get them. */
    QueryService answers();

    /** The configured judge of answers; empty when none is configured. */
    Optional<AnswerJudge> judge();

    /**
     * What decides retrieval scores, in the order a report lists them: the embedding model, chunking, BM25 and fusion
     * settings, e.g. {@code chunk_tokens=256}.
     */
    Map<String, String> describeRetrieval();

    /** What decides answers, in the order a report lists them: the generator chain, the prompt, any routing. */
    Map<String, String> describeAnswers();

    /** Releases the index, the database and any model; never throws a checked exception. */
    @Override
    void close();
}
