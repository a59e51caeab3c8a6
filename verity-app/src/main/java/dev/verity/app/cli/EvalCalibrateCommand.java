package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.app.json.Json;
import dev.verity.eval.calibration.JudgeCalibration;
import dev.verity.eval.calibration.JudgeCalibration.DimensionResult;
import dev.verity.eval.calibration.JudgeCalibration.Disagreement;
import dev.verity.eval.calibration.JudgeCalibration.Failure;
import dev.verity.eval.calibration.JudgeCalibration.Report;
import dev.verity.eval.calibration.LabelledSample;
import dev.verity.evaluation.AnswerJudge;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verity eval calibrate --sample FILE.jsonl [--json]}: how far the configured judge can be trusted, measured as
 * its agreement with human grades on a labelled sample (format in {@code docs/eval-judge.md}). Per dimension it
 * prints the cases compared, percent agreement, Cohen's kappa, the judge's and the humans' means and the ids of the
 * cases they disagree on.
 *
 * <p>Options and printing only: the calibration is verity-eval's {@link JudgeCalibration}, the sample its
 * {@link LabelledSample}; the judge comes from the application's configuration.
 *
 * <p>This class is NOT registered in {@link VerityCommand}: it is the {@code calibrate} subcommand of
 * {@code verity eval}, which registers it ({@code subcommands = {..., EvalCalibrateCommand.class}}).
 *
 * <p>Exit codes: 0 when every case was judged; {@link ExitCodes#FAILED} (after the report) when the judge
 * failed on some; 2 when no judge is configured or the sample is malformed.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "Measure the judge's agreement with human grades on a labelled sample (JSONL).")
public final class EvalCalibrateCommand implements Callable<Integer> {
    /** Judge calls in flight at once: a sample of a hundred answers in a minute or two, without tripping rate limits. */
    static final int DEFAULT_PARALLELISM = 4;

    @Option(
            names = "--sample",
            required = true,
            paramLabel = "FILE.jsonl",
            description = "Answers graded by humans, one JSON object per line (see docs/eval-judge.md).")
    Path sample;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_PARALLELISM,
            description = "Answers judged at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public EvalCalibrateCommand() {
        this(System.getenv());
    }

    /** With this environment instead of the process's: for tests. */
    EvalCalibrateCommand(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    @Override
    public Integer call() throws IOException {
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1, got " + parallelism);
        }
        List<LabelledSample.Case> cases = LabelledSample.read(sample);
        VerityConfig config = VerityConfig.from(VerityConfig.resolveDataDir(null, env), env);
        Report report;
        try (Verity verity = Verity.forQueries(config)) {
            AnswerJudge judge = verity.components()
                    .judge()
                    .orElseThrow(() -> new IllegalArgumentException("no judge model is"
                            + " configured: set llm.judge in the VERITY_CONFIG file (provider and model, or use_answer_model:"
                            + " true) or VERITY_JUDGE_PROVIDER and VERITY_JUDGE_MODEL (see docs/eval-judge.md)"));
            report = JudgeCalibration.run(judge, cases, parallelism);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(json(report)));
        } else {
            print(report, out);
        }
        if (!report.failed().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: the judge failed on " + report.failed().size() + " of " + report.cases()
                    + " answers; they are left out of the agreement:");
            for (Failure f : report.failed()) {
                err.println("  " + f.id() + ": " + f.error());
            }
            return ExitCodes.FAILED;
        }
        return 0;
    }

    private void print(Report report, PrintWriter out) {
        out.println("judge:  " + report.judge());
        out.println("sample: " + sample + " (" + report.cases() + " answers, "
                + report.failed().size() + " failed)");
        out.println();
        out.printf(
                "%-13s %5s %8s %10s %7s %11s %11s%n",
                "DIMENSION", "N", "SKIPPED", "AGREEMENT", "KAPPA", "JUDGE MEAN", "HUMAN MEAN");
        for (DimensionResult d : report.dimensions()) {
            out.printf(
                    "%-13s %5d %8d %10s %7s %11s %11s%n",
                    d.dimension().label(),
                    d.n(),
                    d.skipped(),
                    format(d.agreement().observed(), true),
                    format(d.agreement().kappa(), false),
                    format(d.judgeMean()),
                    format(d.humanMean()));
        }
        out.println("(judge scores of " + JudgeCalibration.THRESHOLD + " or more count as yes)");
        boolean any =
                report.dimensions().stream().anyMatch(d -> !d.disagreements().isEmpty());
        if (any) {
            out.println();
            out.println("disagreements (judge score vs human grade):");
            for (DimensionResult d : report.dimensions()) {
                if (!d.disagreements().isEmpty()) {
                    out.println("  " + d.dimension().label() + ": "
                            + String.join(
                                    ", ",
                                    d.disagreements().stream()
                                            .map(x -> x.id() + " (" + format(x.judge()) + " vs " + (x.human() ? 1 : 0)
                                                    + ")")
                                            .toList()));
                }
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "usage: %d input tokens, %d output tokens, $%.4f%n",
                report.usage().inputTokens(),
                report.usage().outputTokens(),
                report.costUsd());
    }

    private static String format(OptionalDouble value, boolean percent) {
        if (value.isEmpty()) {
            return "-";
        }
        return percent
                ? String.format(Locale.ROOT, "%.1f%%", value.getAsDouble() * 100)
                : String.format(Locale.ROOT, "%.2f", value.getAsDouble());
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private Map<String, Object> json(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("judge", report.judge());
        root.put("sample", sample.toString());
        root.put("cases", report.cases());
        root.put("threshold", JudgeCalibration.THRESHOLD);
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (DimensionResult d : report.dimensions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("human_field", d.dimension().humanField());
            m.put("n", d.n());
            m.put("skipped", d.skipped());
            m.put("agreement", orNull(d.agreement().observed()));
            m.put("kappa", orNull(d.agreement().kappa()));
            m.put("judge_mean", Double.isNaN(d.judgeMean()) ? null : d.judgeMean());
            m.put("human_mean", Double.isNaN(d.humanMean()) ? null : d.humanMean());
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("both_yes", d.agreement().bothYes());
            table.put("judge_only_yes", d.agreement().firstOnly());
            table.put("human_only_yes", d.agreement().secondOnly());
            table.put("both_no", d.agreement().bothNo());
            m.put("table", table);
            m.put(
                    "disagreements",
                    d.disagreements().stream().map(EvalCalibrateCommand::json).toList());
            dimensions.put(d.dimension().label(), m);
        }
        root.put("dimensions", dimensions);
        root.put(
                "failed",
                report.failed().stream()
                        .map(f -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("id", f.id());
                            m.put("error", f.error());
                            return m;
                        })
                        .toList());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", report.usage().inputTokens());
        usage.put("output_tokens", report.usage().outputTokens());
        usage.put("cost_usd", report.costUsd());
        root.put("usage", usage);
        return root;
    }

    private static Map<String, Object> json(Disagreement d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("judge", d.judge());
        m.put("human", d.human() ? 1 : 0);
        return m;
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
