package dev.verity.app.config;

import static dev.verity.app.config.ConfigValues.map;
import static dev.verity.app.config.ConfigValues.number;
import static dev.verity.app.config.ConfigValues.text;

import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How scans and images are read, from the environment and the {@code ocr:} section of the {@code VERITY_CONFIG}
 * file; an environment variable wins over the file, key by key. Any mistake stops start-up with a message naming the
 * setting.
 *
 * <p>Environment: {@code VERITY_OCR} ({@code auto}, the default: PDF pages without a usable text layer and images;
 * {@code force}: every PDF page; {@code off}), {@code VERITY_OCR_LANGUAGES} (Tesseract codes joined by {@code +},
 * default {@code eng+deu}), {@code VERITY_OCR_DPI} (default 300), {@code VERITY_OCR_PAGE_TIMEOUT_MS} (default
 * 30000), {@code VERITY_OCR_PARALLELISM} (most {@code tesseract} processes at once, default one per core),
 * {@code VERITY_OCR_COMMAND} (default {@code tesseract}).
 *
 * <pre>
 * ocr:
 *   mode: auto
 *   languages: eng+deu
 *   dpi: 300
 *   page_timeout_ms: 30000
 *   parallelism: 2
 *   command: /usr/bin/tesseract
 * </pre>
 *
 * Trap: OCR needs Debian's {@code tesseract-ocr} and one {@code tesseract-ocr-<lang>} package per language; when they
 * are missing, scans are rejected as having no text, with a message naming the package.
 */
final class OcrConfig {
    private static final String ENV = "VERITY_OCR";
    private static final List<String> KEYS =
            List.of("mode", "languages", "dpi", "page_timeout_ms", "parallelism", "command");

    private OcrConfig() {}

    static OcrSettings from(Map<String, String> env, Map<String, Object> file) {
        Map<String, Object> entry = map(file.get("ocr"), "ocr");
        for (String key : entry.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("ocr." + key + " is not an OCR setting; known: " + KEYS);
            }
        }
        OcrSettings defaults = OcrSettings.defaults();
        String mode = value(env, entry, "mode");
        String languages = value(env, entry, "languages");
        String dpi = value(env, entry, "dpi");
        String timeout = value(env, entry, "page_timeout_ms");
        String parallelism = value(env, entry, "parallelism");
        String command = value(env, entry, "command");
        try {
            return new OcrSettings(
                    mode == null ? defaults.mode() : OcrMode.parse(mode),
                    languages == null ? defaults.languages() : languages,
                    Math.toIntExact(number(dpi, where("dpi"), defaults.dpi())),
                    Duration.ofMillis(number(
                            timeout,
                            where("page_timeout_ms"),
                            defaults.pageTimeout().toMillis())),
                    Math.toIntExact(number(parallelism, where("parallelism"), defaults.parallelism())),
                    command == null ? defaults.command() : command);
        } catch (IllegalArgumentException | ArithmeticException invalid) {
            throw new IllegalArgumentException(
                    invalid.getMessage().startsWith(ENV)
                            ? invalid.getMessage()
                            : "OCR settings (" + ENV + "*, ocr:): " + invalid.getMessage());
        }
    }

    /** The environment variable of a key: {@code VERITY_OCR} for the mode, {@code VERITY_OCR_DPI} for dpi. */
    static String variable(String key) {
        return key.equals("mode") ? ENV : ENV + "_" + key.toUpperCase(Locale.ROOT);
    }

    private static String where(String key) {
        return variable(key) + " (ocr." + key + ")";
    }

    private static String value(Map<String, String> env, Map<String, Object> entry, String key) {
        String fromEnv = text(env.get(variable(key)), variable(key));
        return fromEnv != null ? fromEnv : text(entry.get(key), "ocr." + key);
    }
}
