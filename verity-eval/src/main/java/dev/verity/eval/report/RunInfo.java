package dev.verity.eval.report;

import java.util.List;
import java.util.Map;

/**
 * How a run was made, so two reports can be told apart and a result traced to its configuration.
 *
 * @param dataset the dataset path as given
 * @param format {@code verity} or {@code beir}
 * @param split the BEIR qrels split; null for a Verity dataset
 * @param modes the retrieval modes evaluated
 * @param k passages counted for context precision and recall
 * @param depth chunks ranked per mode (documents are ranked by their best chunk among them)
 * @param answerMode the retrieval mode answers used; null when answers were not evaluated
 * @param answerTopK chunks of evidence per answer; null when answers were not evaluated
 * @param configFingerprint SHA-256 (first 16 hex) over {@code config}: equal fingerprints, equal configuration
 * @param config what decides the scores: embedding model, chunk size, retrieval and answer settings, model and prompt
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param ingest what was ingested first when the run ingested a corpus; null otherwise
 */
public record RunInfo(
        String dataset,
        String format,
        String split,
        int cases,
        List<String> modes,
        int k,
        int depth,
        String collection,
        String answerMode,
        Integer answerTopK,
        String configFingerprint,
        Map<String, String> config,
        String judge,
        String startedAt,
        String finishedAt,
        long durationMs,
        IngestInfo ingest) {

    public RunInfo {
        modes = List.copyOf(modes);
        config = Reports.ordered(config);
    }

    /** A corpus ingested for the run: documents indexed and rejected, chunks, and how long it took. */
    public record IngestInfo(String corpus, int documents, int rejected, long chunks, long durationMs) {}
}
