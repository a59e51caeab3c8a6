package dev.verity.eval.calibration;

import dev.verity.eval.calibration.LabelledSample.Case;
import dev.verity.eval.calibration.LabelledSample.Dimension;
import dev.verity.eval.metrics.Agreement;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import dev.verity.generation.provider.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a judge over a human-graded sample and measures how well it agrees with the humans, per dimension:
 *
 * <ol>
 *   <li>Every case is judged ({@code parallelism} at a time). A case the judge fails on is reported, not guessed.
 *   <li>Per dimension, the cases with both a human grade and a judge score are compared (an abstention has no
 *       faithfulness score, a case without reference no correctness score: those count as skipped). The judge's score
 *       is binarised: at least {@link #THRESHOLD} is a yes.
 *   <li>Agreement and Cohen's kappa come from {@link Agreement}; the means show a judge that is systematically harsher
 *       or more lenient than the humans; the disagreements name the cases to read.
 * </ol>
 *
 * <pre>{@code
 * JudgeCalibration.Report report = JudgeCalibration.run(judge, LabelledSample.read(Path.of("graded.jsonl")), 4);
 * report.dimensions().forEach(d -> System.out.println(d.dimension().label() + " kappa " + d.agreement().kappa()));
 * }</pre>
 *
 * Trap: a dimension's agreement counts only the cases compared ({@link DimensionResult#n()}); a judge that failed on
 * half the sample can still show perfect agreement on the rest, so read {@link Report#failed()} first.
 */
public final class JudgeCalibration {
    /** Judge scores at or above this count as "yes": the pass mark of {@link Agreement}. */
    public static final double THRESHOLD = Agreement.PASS;

    /** A case the judge scored one way and the human the other. */
    public record Disagreement(String id, double judge, boolean human) {}

    /** A case the judge could not grade. */
    public record Failure(String id, String error) {}

    /**
     * One dimension's agreement.
     *
     * @param n cases compared
     * @param skipped cases a human graded but the judge has no score for
     * @param judgeMean the mean of the judge's (unbinarised) scores over the compared cases; NaN when none
     * @param humanMean the share of compared cases the human graded yes; NaN when none
     */
    public record DimensionResult(
            Dimension dimension,
            int n,
            int skipped,
            Agreement agreement,
            double judgeMean,
            double humanMean,
            List<Disagreement> disagreements) {
        public DimensionResult {
            disagreements = List.copyOf(disagreements);
        }
    }

    /**
     * The whole calibration.
     *
     * @param judge {@link AnswerJudge#id()} of the judge calibrated
     * @param cases answers in the sample
     * @param failed the answers the judge failed on, in sample order; they are left out of every dimension
     * @param dimensions in the order faithfulness, relevance, correctness
     * @param usage tokens the judge's calls used
     * @param costUsd what they cost, 0 when no price is configured
     */
    public record Report(
            String judge,
            int cases,
            List<Failure> failed,
            List<DimensionResult> dimensions,
            TokenUsage usage,
            double costUsd) {
        public Report {
            failed = List.copyOf(failed);
            dimensions = List.copyOf(dimensions);
        }
    }

    private record Outcome(Case graded, Judgement judgement, Failure failure) {}

    private JudgeCalibration() {}

    /**
     * Judges every case, {@code parallelism} at a time, and compares the judge with the humans per dimension.
     *
     * @throws IllegalArgumentException when {@code parallelism} is below 1
     */
    public static Report run(AnswerJudge judge, List<Case> cases, int parallelism) {
        Objects.requireNonNull(judge, "judge");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        List<Outcome> outcomes = judgeAll(judge, cases, parallelism);
        List<Failure> failed = new ArrayList<>();
        TokenUsage usage = TokenUsage.NONE;
        double cost = 0;
        for (Outcome o : outcomes) {
            if (o.failure() != null) {
                failed.add(o.failure());
            } else {
                usage = usage.plus(o.judgement().usage());
                cost += o.judgement().costUsd();
            }
        }
        List<DimensionResult> dimensions = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            dimensions.add(compare(d, outcomes));
        }
        return new Report(judge.id(), cases.size(), failed, dimensions, usage, cost);
    }

    private static DimensionResult compare(Dimension dimension, List<Outcome> outcomes) {
        List<Boolean> judged = new ArrayList<>();
        List<Boolean> human = new ArrayList<>();
        List<Disagreement> disagreements = new ArrayList<>();
        double judgeSum = 0;
        int skipped = 0;
        for (Outcome o : outcomes) {
            Boolean grade = o.graded().human().get(dimension);
            if (grade == null || o.judgement() == null) {
                continue;
            }
            OptionalDouble score = score(o.judgement(), dimension);
            if (score.isEmpty()) {
                skipped++;
                continue;
            }
            boolean yes = Agreement.passes(score.getAsDouble());
            judged.add(yes);
            human.add(grade);
            judgeSum += score.getAsDouble();
            if (yes != grade) {
                disagreements.add(new Disagreement(o.graded().id(), score.getAsDouble(), grade));
            }
        }
        int n = judged.size();
        double humanYes = human.stream().filter(Boolean::booleanValue).count();
        return new DimensionResult(
                dimension,
                n,
                skipped,
                Agreement.of(judged, human),
                n == 0 ? Double.NaN : judgeSum / n,
                n == 0 ? Double.NaN : humanYes / n,
                disagreements);
    }

    private static OptionalDouble score(Judgement j, Dimension dimension) {
        return switch (dimension) {
            case FAITHFULNESS -> j.faithfulness();
            case RELEVANCE -> OptionalDouble.of(j.relevance());
            case CORRECTNESS -> j.correctness();
        };
    }

    private static List<Outcome> judgeAll(AnswerJudge judge, List<Case> cases, int parallelism) {
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Outcome(c, judge.judge(c.request()), null);
                    } catch (JudgementException e) {
                        return new Outcome(c, null, new Failure(c.id(), e.getMessage()));
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
