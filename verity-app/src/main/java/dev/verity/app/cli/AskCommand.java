package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.json.AnswerView;
import dev.verity.app.json.Json;
import dev.verity.generation.answer.Citation;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        description = "Answer a question from the documents, quoting the passages it rests on, or say that the"
                + " documents do not answer it.")
final class AskCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    QueryOptions query;

    @Option(names = "--json", description = "Print the answer object as JSON.")
    boolean json;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question (quotes optional).")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // validated before anything is opened or loaded: a bad question costs no model, index or database
        QueryRequest request = query.request(String.join(" ", words));
        try (Verity verity = Verity.forQueries(data.existing())) {
            QueryResult result = verity.query().ask(request);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.line(AnswerView.of(result)));
            } else {
                print(out, result);
                if (!verity.config().llm().configured()) {
                    out.println("(extractive answer: no language model is configured; set VERITY_LLM_PROVIDER to"
                            + " use one)");
                }
            }
            out.flush();
        }
        return 0;
    }

    static void print(PrintWriter out, QueryResult result) {
        var answer = result.answer();
        out.println(answer.abstained() ? "I don't know. " + answer.text() : answer.text());
        List<Citation> citations = answer.citations();
        if (!citations.isEmpty()) {
            out.println();
            out.println(answer.abstained() ? "Closest passages:" : "Sources:");
            int n = 1;
            for (Citation c : citations) {
                StringBuilder where = new StringBuilder(c.source());
                if (c.page() > 0) {
                    where.append(", page ").append(c.page());
                }
                if (!c.section().isEmpty()) {
                    where.append(", ").append(c.section());
                }
                if (!c.passage().isEmpty()) {
                    where.append(", ").append(c.passage());
                }
                if (c.ocrConfidence().isPresent()) {
                    where.append(", OCR ")
                            .append(Math.round(c.ocrConfidence().getAsDouble()))
                            .append('%');
                }
                if (result.citedWithoutVectors().contains(c.chunkId())) {
                    where.append(", no vector yet");
                }
                out.printf("  [%d] %s (score %.2f)%n", n++, where, c.score());
                out.printf("      \"%s\"%n", c.quote().replace("\n", " / "));
            }
        }
        if (result.partiallyEmbedded()) {
            out.println("(some passages were indexed moments ago and have no vector yet: they are found by keyword"
                    + " only until embedding catches up)");
        }
        out.println();
        var generation = answer.generation();
        String by = generation
                        .model()
                        .map(m -> m + " (prompt "
                                + generation
                                        .prompt()
                                        .map(p -> p.id() + " v" + p.version()
                                                + p.arm().map(arm -> ", " + arm).orElse(""))
                                        .orElse("?")
                                + ")")
                        .orElse(generation.generator())
                + generation
                        .route()
                        .map(r -> " · routed " + r.tier().code() + " (" + r.score() + ")")
                        .orElse("");
        out.printf(
                "confidence %.2f · %s%s · trace %s · %d ms%s%n",
                answer.confidence(),
                by,
                generation.degraded()
                        ? " · degraded: " + generation.degradedReason().orElse("")
                        : "",
                result.traceId(),
                result.timingsMs().getOrDefault("total", 0L),
                generation.costUsd() > 0 ? String.format(" · $%.5f", generation.costUsd()) : "");
    }
}
