package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.runs.AnswerRun;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunDetail;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunsCommandTest {
    private static final Instant AT = Instant.parse("2026-12-08T01:00:00Z");

    private static AnswerRun run() {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("bm25", 3L);
        timings.put("generate", 812L);
        timings.put("total", 830L);
        RunDetail detail = new RunDetail(
                new RunDetail.Filters(List.of("hr/"), List.of(), List.of("de"), Optional.empty(), Optional.empty()),
                List.of(new RunDetail.Evidence(
                        "doc_1-v1-0003",
                        "doc_1",
                        0.0325,
                        Map.of("vector", new RunDetail.Leg(2, 0.81), "keyword", new RunDetail.Leg(1, 7.25)))),
                Optional.of(new RunDetail.RouteTaken("hard", 0.75, List.of("reasoning_question"))),
                List.of(
                        new RunDetail.Attempt(1, "openai", "gpt-x", "timeout", 5000, 0, 0),
                        new RunDetail.Attempt(2, "openai", "gpt-x", "ok", 800, 1200, 85)),
                List.of(new RunDetail.GuardCheck("guard_answer", "pii@1", "flag", List.of("pii:email"))));
        return new AnswerRun(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        AT,
                        "acme",
                        "handbook",
                        List.of("staff"),
                        "How many leave days does [email] get?",
                        "Staff get 25 days.",
                        false,
                        false,
                        "llm",
                        Optional.of("gpt-x"),
                        Optional.of("answer@3/candidate"),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(new AnswerRun.Cited("doc_1", "doc_1-v1-0003")),
                        1200,
                        85,
                        0.00123456,
                        timings)
                .with("key:ana", "answered", detail)
                .withFeedback(new Feedback(
                        "4bf92f3577b34da6a3ce929d0e0e4736",
                        Feedback.Rating.DOWN,
                        Optional.of("wrong year"),
                        "acme",
                        "key:ana",
                        AT.plusSeconds(60)));
    }

    @Test
    void showsARunAsOneLabelledLinePerPartForAPerson() {
        assertThat(RunsCommand.describe(run()).lines())
                .containsExactly(
                        "trace      4bf92f3577b34da6a3ce929d0e0e4736",
                        "at         2026-12-08T01:00:00Z  by key:ana (tenant acme, collection handbook)",
                        "question   How many leave days does [email] get?",
                        "outcome    answered",
                        "answered   by llm, model gpt-x, prompt answer@3/candidate, route hard (0.75)",
                        "answer     Staff get 25 days.",
                        "cited      doc_1-v1-0003",
                        "cost       $0.001235  (1200 input + 85 output tokens)",
                        "timings    bm25 3 ms, generate 812 ms, total 830 ms",
                        "filters    sources=hr/ languages=de",
                        "attempts   #1 openai gpt-x timeout 5000 ms",
                        "           #2 openai gpt-x ok 800 ms (1200+85 tokens)",
                        "evidence   doc_1-v1-0003  fused 0.0325  keyword #1 (7.250), vector #2 (0.810)",
                        "guards     guard_answer pii@1 flag [pii:email]",
                        "feedback   down by key:ana at 2026-12-08T01:01:00Z: \"wrong year\"");
    }

    @Test
    void listsARunOnOneLine() {
        assertThat(RunsCommand.ListRuns.line(run()))
                .isEqualTo(
                        "2026-12-08T01:00:00Z  4bf92f3577b34da6a3ce929d0e0e4736  answered  down  key:ana"
                                + "          gpt-x                  $0.001235    830 ms  How many leave days does [email] get?");
    }
}
