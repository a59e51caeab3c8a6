package dev.verity.eval.dataset;

import dev.verity.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cases of one evaluation run.
 *
 * @param name what the run reports as its dataset: the path given
 * @param format how it was read
 * @param split the BEIR split whose qrels were read; empty for a Verity dataset
 * @param cases in file order, ids unique
 * @param answerLabels true when the cases say what a right answer is (a Verity dataset): answers are then asked and
 *     scored; a BEIR dataset labels relevance only, so only retrieval is scored
 */
public record Dataset(
        String name, DatasetFormat format, Optional<String> split, List<EvalCase> cases, boolean answerLabels) {
    public Dataset {
        Checks.nonBlank(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(split, "split");
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new DatasetException(name + ": the dataset has no cases");
        }
    }

    /** The first {@code n} cases (all when there are fewer). */
    public Dataset limit(int n) {
        Checks.positive(n, "limit");
        return n >= cases.size() ? this : new Dataset(name, format, split, cases.subList(0, n), answerLabels);
    }
}
