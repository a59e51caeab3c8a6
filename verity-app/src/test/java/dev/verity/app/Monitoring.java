package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files shipped in {@code deploy/} (Prometheus rules, Grafana dashboard) and the {@code promtool} that
 * checks them: Debian's {@code prometheus} package, which {@code .ci/run} installs.
 */
final class Monitoring {
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
    static final Path SCRAPE_CONFIG = DEPLOY.resolve("prometheus/prometheus.yml");
    static final Path DASHBOARD = DEPLOY.resolve("grafana/verity-dashboard.json");

    /** A metric name in PromQL: Verity's own, and Spring's HTTP server requests. */
    private static final Pattern METRIC = Pattern.compile("\\b(verity_[a-z0-9_]+|http_server_requests_[a-z0-9_]+)\\b");

    private Monitoring() {}

    /** Every alerting rule, as the YAML map it is. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** The PromQL of every dashboard panel target. */
    static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            JsonNode targets = panel.get("targets");
            if (targets != null) {
                targets.forEach(t -> exprs.add(t.get("expr").asString()));
            }
        }
        return exprs;
    }

    /** The metric names the dashboard and the alerts query. */
    static Set<String> metricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> exprs = new ArrayList<>(dashboardExpressions());
        alertRules().forEach(r -> exprs.add(r.get("expr").toString()));
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The {@code promtool} on the PATH. Where it is missing, the test is skipped locally with what to install, and
     * fails on CI ({@code CI} set), where {@code .ci/run} installs it.
     */
    static Path promtool() {
        return binary("promtool");
    }

    /** The {@code prometheus} server on the PATH, as {@link #promtool()}. */
    static Path prometheus() {
        return binary("prometheus");
    }

    private static Path binary(String name) {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> Pattern.compile(java.io.File.pathSeparator).splitAsStream(p))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String missing = name + " is not on the PATH: install Debian's prometheus package (apt-get install prometheus),"
                + " as .ci/run does";
        if (System.getenv("CI") != null) {
            fail(missing);
        }
        Assumptions.abort(missing);
        throw new AssertionError("unreachable");
    }

    /** What a program printed (standard output and error) and how it exited. */
    record Run(int exitCode, String out) {}

    /** Runs promtool with these arguments and {@code stdin}; returns what it printed, failing on a non-zero exit. */
    static String promtool(String stdin, String... args) throws Exception {
        Run run = run(promtool(), stdin, args);
        assertThat(run.exitCode())
                .as("promtool " + String.join(" ", args) + "\n" + run.out())
                .isZero();
        return run.out();
    }

    /** Runs {@code program} with these arguments, {@code stdin} as its input. */
    static Run run(Path program, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(program + " finished").isTrue();
        return new Run(p.exitValue(), out);
    }
}
