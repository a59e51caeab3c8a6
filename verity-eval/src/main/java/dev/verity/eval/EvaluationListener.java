package dev.verity.eval;

/**
 * What an {@link EvaluationService} tells while it runs: lines for the person waiting (what is ingested, what was
 * rejected, what is evaluated) and the progress of its long phases. The command line prints the lines on stderr and
 * draws a progress bar; {@link #silent()} drops both.
 */
public interface EvaluationListener {
    /** One line for the person running the evaluation, without line break: {@code evaluating 40 cases: bm25}. */
    void note(String line);

    /**
     * A phase ({@code ingesting}, {@code evaluating}) of {@code total} steps starts; it ends when the result is
     * closed.
     */
    Progress progress(String phase, int total);

    /** The progress of one phase. */
    interface Progress extends AutoCloseable {
        /** {@code done} steps of the phase are finished, the last one {@code item}. */
        void update(int done, String item);

        @Override
        void close();
    }

    /** A listener that tells no one. */
    static EvaluationListener silent() {
        return new EvaluationListener() {
            @Override
            public void note(String line) {}

            @Override
            public Progress progress(String phase, int total) {
                return new Progress() {
                    @Override
                    public void update(int done, String item) {}

                    @Override
                    public void close() {}
                };
            }
        };
    }
}
