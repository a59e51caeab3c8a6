package dev.verity.eval;

import dev.verity.eval.gate.GateResult;
import dev.verity.eval.report.Report;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What an evaluation produced.
 *
 * @param report the run's report, as written
 * @param folder where report.json, report.html and report.md were written
 * @param gate the verdict against the baseline; empty when there was none, or when it was written instead
 * @param baselineWritten the baseline file written from this run, when asked to update it
 */
public record EvaluationResult(Report report, Path folder, Optional<GateResult> gate, Optional<Path> baselineWritten) {
    public EvaluationResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(baselineWritten, "baselineWritten");
    }

    /** False only when a gated metric dropped by more than the tolerance. */
    public boolean passed() {
        return gate.map(GateResult::passed).orElse(true);
    }
}
