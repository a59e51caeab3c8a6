package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsConfigTest {
    @TempDir
    Path dir;

    private static RunsConfig from(Map<String, String> env) {
        return RunsConfig.from(env, ConfigValues.file(env));
    }

    @Test
    void keepsEveryRunForThirtyDaysByDefault() {
        assertThat(from(Map.of())).isEqualTo(new RunsConfig(Duration.ofDays(30), 1.0));
        assertThat(VerityConfig.from(dir, Map.of()).runs()).isEqualTo(RunsConfig.DEFAULT);
    }

    @Test
    void theEnvironmentWinsOverTheFileKeyByKey() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                runs:
                  retention_days: 7
                  sample_rate: 0.25
                """);

        RunsConfig fromFile = from(Map.of("VERITY_CONFIG", yaml.toString()));
        RunsConfig overridden = from(Map.of("VERITY_CONFIG", yaml.toString(), "VERITY_RUNS_SAMPLE_RATE", "0.5"));

        assertThat(fromFile).isEqualTo(new RunsConfig(Duration.ofDays(7), 0.25));
        assertThat(overridden).isEqualTo(new RunsConfig(Duration.ofDays(7), 0.5));
    }

    @Test
    void namesTheSettingThatIsWrong() throws Exception {
        assertThatThrownBy(() -> from(Map.of("VERITY_RUNS_SAMPLE_RATE", "2")))
                .hasMessage("VERITY_RUNS_SAMPLE_RATE (runs.sample_rate) must be in [0, 1], got 2.0: 1 keeps every run,"
                        + " 0.1 one answered question in ten");
        assertThatThrownBy(() -> from(Map.of("VERITY_RUNS_SAMPLE_RATE", "half")))
                .hasMessage("VERITY_RUNS_SAMPLE_RATE (runs.sample_rate) must be a number in [0, 1], got \"half\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_RUNS_RETENTION_DAYS", "0")))
                .hasMessage(
                        "VERITY_RUNS_RETENTION_DAYS (runs.retention_days) must be a whole number above 0, got \"0\"");
        Path yaml = Files.writeString(dir.resolve("typo.yaml"), "runs:\n  retention: 7\n");
        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessage("runs.retention is not a run-record setting; known: [retention_days, sample_rate]");
    }
}
