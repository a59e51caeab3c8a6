package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code calibrate} end to end: a judge configured only through {@code VERITY_JUDGE_*}, against a fake that speaks the
 * OpenAI protocol over real HTTP, grading a small human-labelled sample. Registered here under the {@code verity}
 * command with the real error handling, as {@code verity eval} will register it.
 */
class EvalCalibrateCommandIT {
    /**
     * q1 answered, all right; q2 answered, judge finds it unfaithful where the human does not; q3 an abstention
     * (no faithfulness score) judged against a reference; q4 without a reference (no correctness score).
     */
    private static final String SAMPLE = """
            {"id": "q1", "question": "Within how many days are refunds granted?", "answer": "Within 21 days.", "abstained": false, "contexts": ["Refunds are granted within 21 days of purchase."], "reference": "21 days", "human": {"faithful": 1, "relevant": 1, "correct": 1}}
            {"id": "q2", "question": "Is shipping free?", "answer": "Yes, worldwide, with tracking, in two days.", "contexts": ["Shipping is free within the EU."], "reference": "Only within the EU.", "human": {"faithful": 1, "relevant": 1, "correct": 0}}

            {"id": "q3", "question": "Who founded the company?", "answer": "The documents do not say.", "abstained": true, "contexts": [], "reference": "The documents do not say.", "human": {"faithful": 1, "relevant": 0, "correct": 1}, "tags": ["unanswerable"]}
            {"id": "q4", "question": "How do I reset my password?", "answer": "Passwords never expire.", "contexts": ["Passwords never expire."], "reference": null, "human": {"faithful": 0, "relevant": 0, "correct": 1}}
            """;

    private static final String CLAIMS_ALL_SUPPORTED = """
            {"claims": [{"claim": "Refunds are granted within 21 days.", "evidence": "C1: within 21 days", "supported": true}]}""";
    private static final String CLAIMS_ONE_OF_THREE = """
            {"claims": [{"claim": "Shipping is free.", "evidence": "C1: Shipping is free", "supported": true},
              {"claim": "Shipping is free worldwide.", "evidence": "", "supported": false},
              {"claim": "Shipping takes two days.", "evidence": "", "supported": false}]}""";
    private static final String CLAIMS_NONE = """
            {"claims": [{"claim": "Passwords never expire.", "evidence": "", "supported": false}]}""";

    @TempDir
    static Path dir;

    private static FakeLlmServer fake;
    private static Path sample;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeLlmServer.openAi();
        sample = Files.writeString(dir.resolve("sample.jsonl"), SAMPLE);
        config = Files.writeString(dir.resolve("verity.yaml"), """
                llm:
                  prices:
                    gpt-judge: {input_per_million: 1.0, output_per_million: 10.0}
                """);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    private static Map<String, String> judgeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_CONFIG", config.toString());
        env.put("VERITY_JUDGE_PROVIDER", "openai");
        env.put("VERITY_JUDGE_BASE_URL", fake.baseUrl());
        env.put("VERITY_JUDGE_API_KEY", fake.apiKey());
        env.put("VERITY_JUDGE_MODEL", "gpt-judge");
        env.put("VERITY_JUDGE_TIMEOUT_MS", "5000");
        return env;
    }

    /** Judge replies in the order the calls are made, case by case: faithfulness, relevance, correctness. */
    private static void scriptTheJudge() {
        fake.respondInSequence(
                reply(CLAIMS_ALL_SUPPORTED),
                reply(relevance(5)),
                reply(verdict("equivalent")), // q1
                reply(CLAIMS_ONE_OF_THREE),
                reply(relevance(3)),
                reply(verdict("contradicts")), // q2
                reply(verdict("equivalent")), // q3: an abstention is only compared with its reference
                reply(CLAIMS_NONE),
                reply(relevance(4))); // q4: no reference
    }

    @Test
    void reportsAgreementKappaAndMeansPerDimensionAndNamesTheDisagreements() {
        scriptTheJudge();

        Result result = run(judgeEnv(), "calibrate", "--sample", sample.toString(), "--json", "--parallelism", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(fake.callCount()).isEqualTo(9);
        assertThat(fake.requests().getFirst().body()).contains("<context id=\\\"C1\\\">\\nRefunds are granted");
        JsonNode report = JsonMapper.builder().build().readTree(result.out());
        assertThat(report.path("judge").asString())
                .isEqualTo("llm:gpt-judge:judge-faithfulness@1+judge-relevance@1+judge-correctness@1");
        assertThat(report.path("cases").asInt()).isEqualTo(4);

        // faithfulness over q1 (judge 1.0 yes, human yes), q2 (1/3 no, yes), q4 (0 no, no); q3 abstained: skipped.
        // p_o = 2/3; judge yes 1/3, human yes 2/3: p_e = 1/3 × 2/3 + 2/3 × 1/3 = 4/9; kappa = (2/3 − 4/9) / (5/9) = 0.4
        JsonNode faithfulness = report.path("dimensions").path("faithfulness");
        assertThat(faithfulness.path("n").asInt()).isEqualTo(3);
        assertThat(faithfulness.path("skipped").asInt()).isEqualTo(1);
        assertThat(faithfulness.path("agreement").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(faithfulness.path("kappa").asDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(faithfulness.path("judge_mean").asDouble()).isCloseTo((1 + 1.0 / 3 + 0) / 3, within(1e-9));
        assertThat(faithfulness.path("human_mean").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(faithfulness.path("disagreements").toString())
                .isEqualTo("[{\"id\":\"q2\",\"judge\":0.3333333333333333,\"human\":1}]");

        // relevance over q1 (5 → 1.0), q2 (3 → 0.5, yes), q3 (abstained → 0), q4 (4 → 0.75, yes; human no).
        // p_o = 3/4; judge yes 3/4, human yes 1/2: p_e = 3/4 × 1/2 + 1/4 × 1/2 = 1/2; kappa = (3/4 − 1/2) / (1/2) = 0.5
        JsonNode relevance = report.path("dimensions").path("relevance");
        assertThat(relevance.path("n").asInt()).isEqualTo(4);
        assertThat(relevance.path("agreement").asDouble()).isCloseTo(0.75, within(1e-9));
        assertThat(relevance.path("kappa").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(relevance.path("judge_mean").asDouble()).isCloseTo((1 + 0.5 + 0 + 0.75) / 4, within(1e-9));
        assertThat(relevance.path("human_mean").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(relevance.path("table").toString())
                .isEqualTo("{\"both_yes\":2,\"judge_only_yes\":1,\"human_only_yes\":0,\"both_no\":1}");
        assertThat(relevance.path("disagreements").toString())
                .isEqualTo("[{\"id\":\"q4\",\"judge\":0.75,\"human\":0}]");

        // correctness over q1 (yes, yes), q2 (no, no), q3 (yes, yes); q4 has no reference: skipped. Full agreement.
        JsonNode correctness = report.path("dimensions").path("correctness");
        assertThat(correctness.path("n").asInt()).isEqualTo(3);
        assertThat(correctness.path("skipped").asInt()).isEqualTo(1);
        assertThat(correctness.path("agreement").asDouble()).isEqualTo(1.0);
        assertThat(correctness.path("kappa").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(correctness.path("disagreements").isEmpty()).isTrue();

        // 9 calls × (100 in, 10 out) = 900 in, 90 out; cost = (900 × 1.0 + 90 × 10.0) / 1e6 = 0.0018 dollars.
        assertThat(report.path("usage").path("input_tokens").asInt()).isEqualTo(900);
        assertThat(report.path("usage").path("output_tokens").asInt()).isEqualTo(90);
        assertThat(report.path("usage").path("cost_usd").asDouble()).isCloseTo(0.0018, within(1e-12));
        assertThat(report.path("failed").isEmpty()).isTrue();
    }

    @Test
    void printsATableForPeople() {
        scriptTheJudge();

        Result result = run(judgeEnv(), "calibrate", "--sample", sample.toString(), "--parallelism", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("judge:  llm:gpt-judge:judge-faithfulness@1+judge-relevance@1+judge-correctness@1")
                .containsPattern("faithfulness\\s+3\\s+1\\s+66\\.7%\\s+0\\.40\\s+0\\.44\\s+0\\.67")
                .containsPattern("relevance\\s+4\\s+0\\s+75\\.0%\\s+0\\.50\\s+0\\.56\\s+0\\.50")
                .containsPattern("correctness\\s+3\\s+1\\s+100\\.0%\\s+1\\.00\\s+0\\.67\\s+0\\.67")
                .contains("  faithfulness: q2 (0.33 vs 1)")
                .contains("  relevance: q4 (0.75 vs 0)")
                .contains("usage: 900 input tokens, 90 output tokens, $0.0018");
    }

    @Test
    void withoutAJudgeItSaysHowToConfigureOneAndNeverReusesTheAnswerModel() {
        Map<String, String> env = new HashMap<>();
        env.put("VERITY_LLM_PROVIDER", "openai");
        env.put("VERITY_LLM_BASE_URL", fake.baseUrl());
        env.put("VERITY_LLM_API_KEY", fake.apiKey());
        env.put("VERITY_LLM_MODEL", "gpt-answers");

        Result result = run(env, "calibrate", "--sample", sample.toString());

        assertThat(result.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(result.err())
                .isEqualTo("error: no judge model is configured: set llm.judge in the VERITY_CONFIG"
                        + " file (provider and model, or use_answer_model: true) or VERITY_JUDGE_PROVIDER and"
                        + " VERITY_JUDGE_MODEL (see docs/eval-judge.md)\n");
        assertThat(fake.callCount()).isZero();
    }

    @Test
    void answersTheJudgeFailsOnAreReportedAndFailTheRun() throws Exception {
        Path one = Files.writeString(
                dir.resolve("one.jsonl"), SAMPLE.lines().findFirst().orElseThrow());
        fake.respondWith(FakeResponse.status(400));

        Result result = run(judgeEnv(), "calibrate", "--sample", one.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).containsPattern("faithfulness\\s+0\\s+0\\s+-\\s+-\\s+-\\s+-");
        assertThat(result.err())
                .startsWith(
                        "error: the judge failed on 1 of 1 answers; they are left out of the"
                                + " agreement:\n  q1: the judge model failed while grading faithfulness: openai: bad_request (HTTP 400)");
    }

    @Test
    void aMalformedSampleNamesTheLineAndTheField() throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.jsonl"),
                SAMPLE.lines().findFirst().orElseThrow() + "\n"
                        + "{\"id\": \"q9\", \"question\": \"Q?\", \"answer\": \"A.\", \"human\": {\"faithful\": 2}}\n");

        Result result = run(judgeEnv(), "calibrate", "--sample", bad.toString());

        assertThat(result.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(result.err())
                .isEqualTo("error: " + bad + " line 2: human.faithful must be 0 or 1 (or null when"
                        + " not graded), got 2\n");
        assertThat(fake.callCount()).isZero();
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        CommandLine cli = VerityCommand.commandLine();
        cli.addSubcommand(new EvalCalibrateCommand(env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static FakeResponse reply(String text) {
        return FakeResponse.reply(text).usage(100, 10);
    }

    private static String relevance(int score) {
        return "{\"reason\": \"r\", \"score\": " + score + "}";
    }

    private static String verdict(String verdict) {
        return "{\"reason\": \"r\", \"verdict\": \"" + verdict + "\"}";
    }
}
