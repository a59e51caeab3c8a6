package dev.verity.eval.run;

/** Told as each case finishes, for progress bars. */
@FunctionalInterface
public interface RunListener {
    void onCase(String caseId, int done, int total);

    static RunListener none() {
        return (caseId, done, total) -> {};
    }
}
