package dev.verity.eval;

import dev.verity.document.Chunk;
import dev.verity.document.DocumentInfo;
import dev.verity.eval.dataset.Dataset;
import dev.verity.eval.dataset.DatasetFormat;
import dev.verity.eval.dataset.EvalCase;
import dev.verity.evaluation.AnswerJudge;
import dev.verity.evaluation.JudgeRequest;
import dev.verity.evaluation.Judgement;
import dev.verity.evaluation.JudgementException;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.observability.Tracer;
import dev.verity.query.QueryService;
import dev.verity.retrieval.RetrievalMode;
import dev.verity.retrieval.RetrievalRequest;
import dev.verity.retrieval.RetrievedChunk;
import dev.verity.retrieval.Retriever;
import dev.verity.testkit.fakes.TestChunks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A tiny world for testing the harness's logic with numbers one can work out by hand: three documents, a retriever
 * with a fixed ranking per mode, an answerer with a fixed answer per question, and a judge.
 *
 * <ul>
 *   <li>bm25 ranks faq.txt, handbook.pdf p.2, handbook.pdf p.1; vector ranks handbook p.2, faq; hybrid ranks handbook
 *       p.2, handbook p.1, faq. salaries.xlsx (ACL hr) is returned only to callers holding hr, unless the retriever
 *       is made leaky.
 *   <li>q1 (answerable, handbook p.2, "25 days") is answered right and cited on page 2.
 *   <li>q2 (unanswerable) is abstained on.
 *   <li>q3 (answerable, handbook p.2, "EUR 65") is answered from the FAQ, without the string.
 *   <li>q4 (unanswerable, must not contain 175000) is answered with the restricted figure.
 * </ul>
 */
public final class World {
    public static final DocumentInfo HANDBOOK =
            TestChunks.document("handbook.pdf").build();
    public static final DocumentInfo FAQ =
            TestChunks.document("faq.txt").mediaType("text/plain").build();
    public static final DocumentInfo SALARIES =
            TestChunks.document("salaries.xlsx").acl("hr").build();
    public static final List<Chunk> HANDBOOK_CHUNKS = TestChunks.chunks(
            HANDBOOK, "Working hours are 9 to 5.", "Employees receive 25 days of paid leave. Meals cost EUR 65 a day.");
    public static final Chunk FAQ_CHUNK =
            TestChunks.chunks(FAQ, "Parking is free for staff.").getFirst();
    public static final Chunk SALARY_CHUNK =
            TestChunks.chunks(SALARIES, "L4 maximum: 175000").getFirst();
    public static final Chunk PAGE_1 = HANDBOOK_CHUNKS.get(0);
    public static final Chunk PAGE_2 = HANDBOOK_CHUNKS.get(1);

    public static final EvalCase Q1 = EvalCase.of(
            "q1",
            "How many days of leave?",
            true,
            List.of("handbook.pdf"),
            List.of(2),
            List.of("25 days"),
            List.of(),
            Set.of(),
            "Employees receive 25 days of paid leave.",
            List.of("pdf", "fact"));
    public static final EvalCase Q2 = EvalCase.of(
            "q2",
            "Who won the World Cup?",
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            "",
            List.of("unanswerable"));
    public static final EvalCase Q3 = EvalCase.of(
            "q3",
            "What is the meal allowance?",
            true,
            List.of("handbook.pdf"),
            List.of(2),
            List.of("EUR 65"),
            List.of(),
            Set.of(),
            "Meals cost EUR 65 a day.",
            List.of("pdf"));
    public static final EvalCase Q4 = EvalCase.of(
            "q4",
            "What is the L4 maximum salary?",
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of("175000"),
            Set.of(),
            "",
            List.of("unanswerable", "acl"));

    private World() {}

    public static Dataset dataset() {
        return new Dataset("world.jsonl", DatasetFormat.VERITY, Optional.empty(), List.of(Q1, Q2, Q3, Q4), true);
    }

    /** The fixed rankings; leaky returns the restricted chunk to everyone. */
    public static Retriever retriever(boolean leaky) {
        return (RetrievalRequest request, Tracer tracer) -> {
            List<Chunk> ranked = switch (request.mode()) {
                case KEYWORD -> List.of(FAQ_CHUNK, PAGE_2, PAGE_1);
                case VECTOR -> List.of(PAGE_2, FAQ_CHUNK);
                case HYBRID -> List.of(PAGE_2, PAGE_1, FAQ_CHUNK);
            };
            List<Chunk> visible = new java.util.ArrayList<>(ranked);
            if (leaky || request.filter().principals().contains("hr")) {
                visible.add(SALARY_CHUNK);
            }
            return visible.stream()
                    .limit(request.topK())
                    .map(c -> new RetrievedChunk(c, 1.0 / (visible.indexOf(c) + 1), Map.of()))
                    .toList();
        };
    }

    /** Answers as the class comment says; {@code q1Wrong} makes q1 abstain (a regression). */
    public static QueryService answerer(Retriever retriever, boolean q1Wrong) {
        AnswerGenerator generator = (request, listener) -> {
            String question = request.question();
            if (question.equals(Q1.question())) {
                return q1Wrong
                        ? Answer.abstain(Answer.ABSTENTION_MESSAGE, 0.1, List.of())
                        : new Answer(
                                "Employees receive 25 days of paid leave.",
                                false,
                                0.9,
                                List.of(cite(PAGE_2, "Employees receive 25 days of paid leave.")));
            }
            if (question.equals(Q3.question())) {
                return new Answer(
                        "Parking is free for staff.",
                        false,
                        0.4,
                        List.of(cite(FAQ_CHUNK, "Parking is free for staff.")));
            }
            if (question.equals(Q4.question())) {
                return new Answer(
                        "The L4 maximum is 175000.", false, 0.5, List.of(cite(PAGE_1, "Working hours are 9 to 5.")));
            }
            return Answer.abstain(Answer.ABSTENTION_MESSAGE, 0.05, List.of());
        };
        return new QueryService(retriever, generator);
    }

    /** Grades q1 (0.9, 0.8, 1.0 against the reference), fails on q3, grades anything else 0.5 without correctness. */
    public static AnswerJudge judge() {
        return new AnswerJudge() {
            @Override
            public String id() {
                return "fake-judge@1";
            }

            @Override
            public Judgement judge(JudgeRequest request) {
                if (request.question().equals(Q3.question())) {
                    throw new JudgementException("the judge model kept answering out of format");
                }
                if (request.question().equals(Q1.question())) {
                    return new Judgement(
                            OptionalDouble.of(0.9),
                            0.8,
                            request.reference().isPresent() ? OptionalDouble.of(1.0) : OptionalDouble.empty(),
                            List.of(new Judgement.Claim("25 days", true)),
                            id(),
                            new TokenUsage(100, 10, true),
                            0.001);
                }
                return new Judgement(
                        OptionalDouble.of(0.5), 0.5, OptionalDouble.empty(), List.of(), id(), TokenUsage.NONE, 0);
            }
        };
    }

    /** Run metadata as the application would fill it in. */
    public static dev.verity.eval.report.RunInfo runInfo(String judge) {
        return new dev.verity.eval.report.RunInfo(
                "world.jsonl",
                "verity",
                null,
                4,
                List.of("bm25", "vector", "hybrid"),
                10,
                200,
                "default",
                "hybrid",
                8,
                "0123456789abcdef",
                Map.of("embedding", "fake"),
                judge,
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z",
                1000,
                null);
    }

    /** The world's report: every case run with the default settings. */
    public static dev.verity.eval.report.Report report(boolean q1Wrong, boolean withJudge) {
        Retriever retriever = retriever(false);
        var runner = new dev.verity.eval.run.EvalRunner(
                retriever,
                Optional.of(answerer(retriever, q1Wrong)),
                withJudge ? Optional.of(judge()) : Optional.empty());
        var cases = runner.run(
                dataset(), dev.verity.eval.run.EvalSettings.defaults(), dev.verity.eval.run.RunListener.none());
        return dev.verity.eval.report.Report.of(runInfo(withJudge ? "fake-judge@1" : null), cases);
    }

    private static Citation cite(Chunk chunk, String quote) {
        return new Citation(
                chunk.document().source(),
                chunk.location().pageStart(),
                chunk.location().section(),
                quote,
                chunk.id(),
                chunk.document().id(),
                0.9);
    }

    public static final List<RetrievalMode> ALL_MODES =
            List.of(RetrievalMode.KEYWORD, RetrievalMode.VECTOR, RetrievalMode.HYBRID);
}
