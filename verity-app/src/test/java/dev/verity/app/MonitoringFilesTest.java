package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus rules and the Grafana dashboard in deploy/ are valid for promtool and complete for an operator. */
class MonitoringFilesTest {
    @TempDir
    Path tmp;

    @Test
    void theAlertingRulesPassPromtool() throws Exception {
        String out = Monitoring.promtool("", "check", "rules", Monitoring.ALERTS.toString());

        assertThat(out).contains("SUCCESS: " + Monitoring.alertRules().size() + " rules found");
    }

    @Test
    void everyAlertWaitsBeforeFiringAndSaysItsSeverityWhatAndWhy() throws Exception {
        List<Map<String, Object>> rules = Monitoring.alertRules();

        assertThat(rules)
                .extracting(r -> r.get("alert"))
                .contains(
                        "VerityP95LatencyDrift",
                        "VerityCostPerAnswerDrift",
                        "VerityHttpErrorRate",
                        "VerityDegradationRateDrift",
                        "VerityAbstentionRateDrift",
                        "VerityGuardBlockRateDrift",
                        "VerityThumbsDownShareDrift",
                        "VerityLlmCircuitOpen",
                        "VerityIngestionQueueStuck");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule).containsKey("for");
            assertThat(((Map<?, ?>) rule.get("labels")).keySet().stream().map(Object::toString))
                    .contains("severity");
            assertThat(((Map<?, ?>) rule.get("annotations")).keySet().stream().map(Object::toString))
                    .contains("summary", "description");
        });
    }

    @Test
    void theExampleScrapeConfigPassesPromtool() throws Exception {
        // the example reads the token from /etc/prometheus: checked here with a token file of its own
        Path token = Files.writeString(tmp.resolve("verity-token"), "vrt_example");
        Files.copy(Monitoring.ALERTS, tmp.resolve("alerts.yml"));
        Path config = Files.writeString(
                tmp.resolve("prometheus.yml"),
                Files.readString(Monitoring.SCRAPE_CONFIG).replace("/etc/prometheus/verity-token", token.toString()));

        String out = Monitoring.promtool("", "check", "config", config.toString());

        assertThat(out).contains("is valid prometheus config file syntax");
    }

    @Test
    void everyDashboardQueryIsValidPromql() throws Exception {
        // promtool parses PromQL in rule files: each panel query becomes a recording rule, Grafana's interval a value
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> exprs = Monitoring.dashboardExpressions();
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("      - record: verity:dashboard_panel_")
                    .append(i)
                    .append("\n        expr: '")
                    .append(exprs.get(i).replace("$__rate_interval", "5m").replace("'", "''"))
                    .append("'\n");
        }
        Path file = Files.writeString(tmp.resolve("dashboard-rules.yml"), rules);

        String out = Monitoring.promtool("", "check", "rules", file.toString());

        assertThat(out).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    @Test
    void theDashboardTakesItsDatasourceAsAnInputAndShowsWhatTheIssueAsks() throws Exception {
        String json = Files.readString(Monitoring.DASHBOARD);

        assertThat(json).contains("\"name\": \"DS_PROMETHEUS\"").contains("${DS_PROMETHEUS}");
        assertThat(Monitoring.metricNames())
                .contains(
                        "verity_step_seconds_bucket",
                        "verity_answers_total",
                        "verity_llm_tokens_total",
                        "verity_llm_cost_usd_total",
                        "verity_cache_requests_total",
                        "verity_ingest_jobs",
                        "verity_ingest_pages_total",
                        "verity_feedback_total",
                        "http_server_requests_seconds_bucket",
                        "verity_llm_circuit_state");
    }
}
