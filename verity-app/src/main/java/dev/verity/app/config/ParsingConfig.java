package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.text;

import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.isolation.IsolationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ingestion parses files, read at start-up from the environment and the optional {@code VERITY_CONFIG} file. By
 * default every file is parsed in a child process with a capped heap and a time limit, one process per ingestion
 * worker ({@code VERITY_INGEST_PARALLELISM}); {@code verity inspect} always parses in process.
 *
 * <p>Environment (each overrides the same key of the file): {@code VERITY_PARSE_ISOLATION} ({@code process}, the
 * default, or {@code off} to parse inside the Verity process: faster to start, but a hostile file can then exhaust its
 * memory or hang a worker), {@code VERITY_PARSE_TIMEOUT} (per file: {@code 60s}, {@code 2m}, {@code 1500ms}; a bare
 * number is seconds), {@code VERITY_PARSE_MEMORY} (heap per parser process: {@code 512m}, {@code 1g}),
 * {@code VERITY_PARSE_MAX_EXPANSION_RATIO}, {@code VERITY_PARSE_MAX_NESTING_DEPTH},
 * {@code VERITY_PARSE_MAX_IMAGE_PIXELS} (see {@link ParserSettings}).
 *
 * <p>File:
 * <pre>
 * parsing:
 *   isolation: process        # or off
 *   timeout: 60s
 *   memory: 512m
 *   max_expansion_ratio: 100
 *   max_nesting_depth: 100
 *   max_image_pixels: 100000000
 * </pre>
 *
 * @param isolated parse in child processes ({@code process}) rather than in this JVM ({@code off})
 * @param timeout how long one file may take in a child process
 * @param maxHeapBytes the heap of each child process
 * @param limits the limits applied by the parser, in a child process or not, and its OCR settings ({@link OcrConfig})
 */
public record ParsingConfig(boolean isolated, Duration timeout, long maxHeapBytes, ParserSettings limits) {

    public static final ParsingConfig DEFAULT = new ParsingConfig(
            true,
            IsolationSettings.DEFAULT_TIMEOUT,
            IsolationSettings.DEFAULT_MAX_HEAP_BYTES,
            ParserSettings.defaults());

    private static final List<String> KEYS =
            List.of("isolation", "timeout", "memory", "max_expansion_ratio", "max_nesting_depth", "max_image_pixels");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg])?i?b?");

    public ParsingConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(limits, "limits");
    }

    public ParsingConfig withLimits(ParserSettings newLimits) {
        return new ParsingConfig(isolated, timeout, maxHeapBytes, newLimits);
    }

    /** The settings of the child processes, one per ingestion worker. */
    public IsolationSettings isolation(int workers) {
        return new IsolationSettings(workers, timeout, maxHeapBytes, limits);
    }

    static ParsingConfig from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> section = map(file.get("parsing"), "parsing");
        for (String key : section.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("parsing." + key + " is not a setting; the settings are " + KEYS);
            }
        }
        String isolation = value(env, section, "isolation");
        boolean isolated = switch (isolation == null ? "process" : isolation.toLowerCase(Locale.ROOT)) {
            case "process" -> true;
            case "off" -> false;
            default ->
                throw new IllegalArgumentException(
                        "VERITY_PARSE_ISOLATION (parsing.isolation) must be process or off, got \"" + isolation + "\"");
        };
        Duration timeout = duration(value(env, section, "timeout"), DEFAULT.timeout());
        long memory = bytes(value(env, section, "memory"), DEFAULT.maxHeapBytes());
        ParserSettings defaults = ParserSettings.defaults();
        ParserSettings limits = defaults.withMaxExpansionRatio(
                        (int) whole(env, section, "max_expansion_ratio", defaults.maxExpansionRatio()))
                .withMaxNestingDepth((int) whole(env, section, "max_nesting_depth", defaults.maxNestingDepth()))
                .withMaxImagePixels(whole(env, section, "max_image_pixels", defaults.maxImagePixels()))
                .withOcr(OcrConfig.from(env, file));
        try {
            new IsolationSettings(1, timeout, memory, limits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VERITY_PARSE_MEMORY (parsing.memory): " + e.getMessage());
        }
        return new ParsingConfig(isolated, timeout, memory, limits);
    }

    /** The environment variable {@code VERITY_PARSE_<KEY>}, else the file's {@code parsing.<key>}. */
    private static String value(Map<String, String> env, Map<String, Object> section, String key) {
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        return text(section.get(key), "parsing." + key);
    }

    private static String envName(String key) {
        return "VERITY_PARSE_" + key.toUpperCase(Locale.ROOT);
    }

    private static long whole(Map<String, String> env, Map<String, Object> section, String key, long fallback) {
        return ConfigValues.number(value(env, section, key), envName(key) + " (parsing." + key + ")", fallback);
    }

    private static Duration duration(String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("VERITY_PARSE_TIMEOUT (parsing.timeout) must be a duration above 0"
                    + " such as 60s, 2m or 1500ms, got \"" + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static long bytes(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("VERITY_PARSE_MEMORY (parsing.memory) must be a size such as 512m or"
                    + " 1g, got \"" + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "" : m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
