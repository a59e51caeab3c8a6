package dev.verity.runs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The use-cases on kept runs: list and show them to who may see them, take a caller's feedback on their own answer
 * and tell the observers of feedback (metrics, drift alerts), and purge runs past retention.
 *
 * <ol>
 *   <li>{@link #list}/{@link #find}: a caller sees the runs they asked, a tenant admin the tenant's (what a run drew
 *       from documents the admin may not read withheld, see {@link RunViewer}); a run the caller may not see is
 *       reported as not there ({@link RunNotFoundException}), never as forbidden.
 *   <li>{@link #feedback}: only the caller who asked may rate an answer; the comment is scrubbed of personal data;
 *       rating again replaces the earlier feedback; every observer is told after the feedback is stored.
 *   <li>{@link #purge}: runs older than the retention are deleted.
 * </ol>
 *
 * Trap: an observer runs on the caller's thread, after the store; an observer that throws is reported to the next
 * observers' caller as that exception — keep observers quick and let them catch their own failures.
 */
public final class RunService {
    private final RunStore store;
    private final UnaryOperator<String> scrubber;
    private final Clock clock;
    private final List<Consumer<Feedback>> observers = new CopyOnWriteArrayList<>();

    /**
     * @param store where runs are kept
     * @param scrubber masks personal data in a feedback comment before it is stored
     * @param clock stamps feedback
     */
    public RunService(RunStore store, UnaryOperator<String> scrubber, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tells {@code observer} of every feedback stored from now on, after observers added earlier. */
    public RunService onFeedback(Consumer<Feedback> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /** The runs of {@code query} that {@code viewer} may see, newest first. */
    public List<AnswerRun> list(RunViewer viewer, RunQuery query) {
        return store.list(viewer.scope(query)).stream().map(viewer::shown).toList();
    }

    /** The run, when {@code viewer} may see it. */
    public Optional<AnswerRun> find(RunViewer viewer, String traceId) {
        return store.find(traceId).filter(viewer::sees).map(viewer::shown);
    }

    /** The run, when {@code viewer} may see it; else throws {@link RunNotFoundException}. */
    public AnswerRun get(RunViewer viewer, String traceId) {
        return find(viewer, traceId).orElseThrow(() -> new RunNotFoundException(traceId));
    }

    /**
     * Stores the caller's rating of their own answer, replacing earlier feedback, and tells the observers.
     *
     * @return the feedback as stored (comment scrubbed)
     * @throws RunNotFoundException when no run of the trace id asked by this caller is kept
     * @throws IllegalArgumentException when the comment is too long
     */
    public Feedback feedback(RunViewer caller, String traceId, Feedback.Rating rating, Optional<String> comment) {
        Optional<String> said = comment.map(String::strip).filter(c -> !c.isEmpty());
        Feedback checked = new Feedback(traceId, rating, said, caller.tenant(), caller.actor(), clock.instant());
        AnswerRun run = store.find(traceId)
                .filter(r -> r.tenant().equals(caller.tenant()) && r.actor().equals(caller.actor()))
                .orElseThrow(() -> new RunNotFoundException(traceId));
        Feedback given = new Feedback(
                run.runId(), rating, checked.comment().map(scrubber), caller.tenant(), caller.actor(), checked.at());
        store.feedback(given).orElseThrow(() -> new RunNotFoundException(traceId));
        observers.forEach(o -> o.accept(given));
        return given;
    }

    /** Deletes the runs recorded before {@code before}; returns how many. */
    public int purge(Instant before) {
        return store.purge(before);
    }
}
