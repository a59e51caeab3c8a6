package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.isolation.IsolationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsingConfigTest {
    @TempDir
    Path dir;

    private static ParsingConfig from(Map<String, String> env) {
        return ParsingConfig.from(env, ConfigValues.file(env));
    }

    @Test
    void parsesInChildProcessesByDefault() {
        ParsingConfig config = from(Map.of());

        assertThat(config).isEqualTo(ParsingConfig.DEFAULT);
        assertThat(config.isolated()).isTrue();
        assertThat(config.isolation(3)).isEqualTo(IsolationSettings.defaults(3));
        assertThat(VerityConfig.from(dir, Map.of()).parsing()).isEqualTo(ParsingConfig.DEFAULT);
    }

    @Test
    void theEnvironmentSetsIsolationTimeoutMemoryAndLimits() {
        ParsingConfig config = from(Map.of(
                "VERITY_PARSE_ISOLATION", "OFF",
                "VERITY_PARSE_TIMEOUT", "2m",
                "VERITY_PARSE_MEMORY", "1g",
                "VERITY_PARSE_MAX_EXPANSION_RATIO", "250",
                "VERITY_PARSE_MAX_NESTING_DEPTH", "300",
                "VERITY_PARSE_MAX_IMAGE_PIXELS", "400000000"));

        assertThat(config.isolated()).isFalse();
        assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxHeapBytes()).isEqualTo(1L << 30);
        assertThat(config.limits())
                .isEqualTo(ParserSettings.defaults()
                        .withMaxExpansionRatio(250)
                        .withMaxNestingDepth(300)
                        .withMaxImagePixels(400_000_000L));
    }

    @Test
    void readsDurationsAndSizesInTheUsualUnits() {
        assertThat(from(Map.of("VERITY_PARSE_TIMEOUT", "90")).timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(from(Map.of("VERITY_PARSE_TIMEOUT", "1500ms")).timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(from(Map.of("VERITY_PARSE_MEMORY", "768m")).maxHeapBytes()).isEqualTo(768L << 20);
        assertThat(from(Map.of("VERITY_PARSE_MEMORY", "2GiB")).maxHeapBytes()).isEqualTo(2L << 30);
    }

    @Test
    void theFileSectionAppliesUnlessTheEnvironmentOverridesIt() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                parsing:
                  timeout: 30s
                  memory: 256m
                """);

        ParsingConfig fromFile = from(Map.of("VERITY_CONFIG", yaml.toString()));
        ParsingConfig overridden = from(Map.of("VERITY_CONFIG", yaml.toString(), "VERITY_PARSE_TIMEOUT", "45s"));

        assertThat(fromFile.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromFile.maxHeapBytes()).isEqualTo(256L << 20);
        assertThat(overridden.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(overridden.maxHeapBytes()).isEqualTo(256L << 20);
    }

    @Test
    void namesTheSettingAndTheValueItCannotRead() {
        assertThatThrownBy(() -> from(Map.of("VERITY_PARSE_ISOLATION", "thread")))
                .hasMessage("VERITY_PARSE_ISOLATION (parsing.isolation) must be process or off, got \"thread\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_PARSE_TIMEOUT", "soon")))
                .hasMessage("VERITY_PARSE_TIMEOUT (parsing.timeout) must be a duration above 0 such as 60s, 2m or"
                        + " 1500ms, got \"soon\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_PARSE_MEMORY", "lots")))
                .hasMessage("VERITY_PARSE_MEMORY (parsing.memory) must be a size such as 512m or 1g, got \"lots\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_PARSE_MEMORY", "16m")))
                .hasMessage("VERITY_PARSE_MEMORY (parsing.memory): maxHeapBytes must be at least 33554432 (32 MiB),"
                        + " got 16777216");
        assertThatThrownBy(() -> from(Map.of("VERITY_PARSE_MAX_NESTING_DEPTH", "-1")))
                .hasMessage("VERITY_PARSE_MAX_NESTING_DEPTH (parsing.max_nesting_depth) must be a whole number above"
                        + " 0, got \"-1\"");
    }

    @Test
    void reportsAnUnknownKeyInTheFile() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), "parsing:\n  timout: 30s\n");

        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessage("parsing.timout is not a setting; the settings are [isolation, timeout, memory,"
                        + " max_expansion_ratio, max_nesting_depth, max_image_pixels]");
    }
}
