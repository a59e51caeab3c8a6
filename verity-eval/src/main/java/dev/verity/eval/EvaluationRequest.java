package dev.verity.eval;

import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.run.EvalSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation for {@link EvaluationService#evaluate}.
 *
 * @param dataset the questions, already read (and limited)
 * @param settings how each case is evaluated, and the collection evaluated and ingested into
 * @param corpus what to ingest first, in order; empty: the data folder's collection is evaluated as it is
 * @param intoDataFolder with a corpus, whether it is ingested into the configured data folder, where it stays, rather
 *     than into a fresh temporary one that is deleted when the run ends
 * @param out the folder the reports are written to; empty: {@code eval-reports/<date-time>}
 * @param baseline the baseline gated against, or written when {@code updateBaseline}
 * @param tolerance the largest drop a gated metric may take
 * @param updateBaseline write this run as the new {@code baseline} instead of gating
 */
public record EvaluationRequest(
        Dataset dataset,
        EvalSettings settings,
        List<CorpusSource> corpus,
        boolean intoDataFolder,
        Optional<Path> out,
        Optional<Path> baseline,
        double tolerance,
        boolean updateBaseline) {

    public EvaluationRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(settings, "settings");
        corpus = List.copyOf(corpus);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(baseline, "baseline");
        if (updateBaseline && baseline.isEmpty()) {
            throw new IllegalArgumentException("updateBaseline needs a baseline: the file to write");
        }
    }
}
