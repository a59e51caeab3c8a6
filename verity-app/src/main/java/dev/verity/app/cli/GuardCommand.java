package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.Json;
import dev.verity.guardrails.pii.PiiDetector;
import dev.verity.guardrails.pii.PiiSpan;
import dev.verity.guards.injection.InjectionVerdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs Verity's guards on text a user gives, so policies can be tried and benchmarks can use them. */
@Command(
        name = "guard",
        mixinStandardHelpOptions = true,
        description = "Run Verity's guards on text from the arguments or stdin.",
        subcommands = {GuardCommand.Scan.class, GuardCommand.Pii.class})
final class GuardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    @Command(
            name = "scan",
            mixinStandardHelpOptions = true,
            description = {
                "Print the injection guard's verdict on each line: verdict score labels, one line each.",
                "Reads the arguments as lines, or stdin when there are none. The policy is the configured one"
                        + " (VERITY_GUARD_*, guards: in VERITY_CONFIG); chunks use the default collection's."
            })
    static final class Scan implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Lines to scan (default: stdin).")
        List<String> texts = new ArrayList<>();

        @Option(
                names = "--kind",
                defaultValue = "question",
                description = "question (the question guard: control characters refused, then the rules) or chunk"
                        + " (the ingestion guard). Default: ${DEFAULT-VALUE}.")
        Kind kind;

        @Option(names = "--json", description = "One JSON object per input line: {\"verdict\", \"labels\", \"score\"}.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** Where lines come from when there are no arguments; a field so tests can give their own. */
        InputStream stdin = System.in;

        enum Kind {
            question,
            chunk
        }

        /** {@code --json}: the verdict on one input line; score rounded to three decimals. */
        record VerdictView(String verdict, List<String> labels, double score) {}

        @Override
        public Integer call() throws IOException {
            // no data folder is opened: the guards need none
            try (Verity verity = Verity.forQueries(VerityConfig.from(Path.of("."), System.getenv()))) {
                PrintWriter out = spec.commandLine().getOut();
                if (!texts.isEmpty()) {
                    texts.forEach(line -> print(verity, line, out));
                    return ExitCodes.OK;
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    print(verity, line, out);
                    out.flush();
                }
                return ExitCodes.OK;
            }
        }

        private void print(Verity verity, String line, PrintWriter out) {
            InjectionVerdict scanned = kind == Kind.chunk ? verity.scanChunk(line) : verity.scanQuestion(line);
            double score = Math.round(scanned.score() * 1000) / 1000.0;
            String verdict = scanned.verdict().action().code();
            if (json) {
                out.println(Json.line(new VerdictView(verdict, scanned.verdict().labels(), score)));
            } else {
                out.println(verdict + " " + String.format(Locale.ROOT, "%.3f", score) + " "
                        + String.join(",", scanned.verdict().labels()));
            }
        }
    }

    @Command(
            name = "pii",
            mixinStandardHelpOptions = true,
            description = {
                "Print the personal data found in each line: type start-end \"value\", one span a line, the spans of"
                        + " one input line followed by an empty line.",
                "Reads the arguments as lines, or stdin when there are none. Names are not detected."
            })
    static final class Pii implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Lines to scan (default: stdin).")
        List<String> texts = new ArrayList<>();

        @Option(names = "--json", description = "One JSON object per input line: {\"spans\": [{type, start, end}]}.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** Where lines come from when there are no arguments; a field so tests can give their own. */
        InputStream stdin = System.in;

        /** {@code --json}: the spans of one input line; offsets in UTF-16 code units, end exclusive. */
        record SpansView(List<SpanView> spans) {}

        record SpanView(String type, int start, int end) {}

        @Override
        public Integer call() throws IOException {
            // no data folder is opened: the detector needs none
            try (Verity verity = Verity.forQueries(VerityConfig.from(Path.of("."), System.getenv()))) {
                PiiDetector detector = verity.piiDetector();
                PrintWriter out = spec.commandLine().getOut();
                if (!texts.isEmpty()) {
                    texts.forEach(line -> print(detector, line, out));
                    return ExitCodes.OK;
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    print(detector, line, out);
                    out.flush(); // a line's answer as soon as it is known: the command may be piped to interactively
                }
                return ExitCodes.OK;
            }
        }

        private void print(PiiDetector detector, String line, PrintWriter out) {
            List<PiiSpan> spans = detector.find(line);
            if (json) {
                out.println(Json.line(new SpansView(spans.stream()
                        .map(s -> new SpanView(s.type().code(), s.start(), s.end()))
                        .toList())));
                return;
            }
            for (PiiSpan span : spans) {
                out.println(
                        span.type().code() + " " + span.start() + "-" + span.end() + " " + Json.line(span.in(line)));
            }
            out.println();
        }
    }
}
