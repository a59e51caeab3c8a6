package dev.verity.generation.answer;

/**
 * Receives an answer's text while it is being generated. Deltas are provisional: the final {@link Answer} is the
 * only authority (it is verified, and may be a fallback). When a generator fails after streaming some text and
 * another takes over, {@link #onReset()} tells the listener to discard what it received so far.
 */
public interface AnswerListener {

    /** The next piece of the answer's text. */
    void onDelta(String text);

    /** Everything received so far is void; the answer starts again. */
    default void onReset() {}

    /** A listener that ignores everything. */
    static AnswerListener none() {
        return text -> {};
    }
}
