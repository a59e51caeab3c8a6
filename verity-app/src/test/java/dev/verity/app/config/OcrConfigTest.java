package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.parsers.ocr.OcrMode;
import dev.verity.parsers.ocr.OcrSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrConfigTest {
    @TempDir
    Path dir;

    private static OcrSettings from(Map<String, String> env) {
        return OcrConfig.from(env, ConfigValues.file(env));
    }

    @Test
    void autoModeInEnglishAndGermanAt300DpiIsTheDefault() {
        assertThat(from(Map.of())).isEqualTo(OcrSettings.defaults());
        assertThat(OcrSettings.defaults().mode()).isEqualTo(OcrMode.AUTO);
        assertThat(OcrSettings.defaults().languages()).isEqualTo("eng+deu");
        assertThat(OcrSettings.defaults().dpi()).isEqualTo(300);
    }

    @Test
    void theEnvironmentWinsOverTheFileKeyByKey() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), """
                ocr:
                  mode: force
                  languages: deu
                  dpi: 200
                  page_timeout_ms: 5000
                """);

        OcrSettings s =
                from(Map.of("VERITY_CONFIG", yaml.toString(), "VERITY_OCR", "OFF", "VERITY_OCR_PARALLELISM", "3"));

        assertThat(s.mode()).isEqualTo(OcrMode.OFF);
        assertThat(s.languages()).isEqualTo("deu");
        assertThat(s.dpi()).isEqualTo(200);
        assertThat(s.pageTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.parallelism()).isEqualTo(3);
    }

    @Test
    void namesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> from(Map.of("VERITY_OCR", "sometimes")))
                .hasMessage("OCR settings (VERITY_OCR*, ocr:): OCR mode must be auto, force or off, got \"sometimes\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_OCR_LANGUAGES", "eng deu")))
                .hasMessage("OCR settings (VERITY_OCR*, ocr:): OCR languages must be Tesseract codes joined by '+',"
                        + " e.g. eng+deu, got \"eng deu\"");
        assertThatThrownBy(() -> from(Map.of("VERITY_OCR_DPI", "high")))
                .hasMessage("VERITY_OCR_DPI (ocr.dpi) must be a whole number above 0, got \"high\"");
    }

    @Test
    void rejectsUnknownKeysInTheFile() throws Exception {
        Path yaml = Files.writeString(dir.resolve("verity.yaml"), "ocr:\n  langs: eng\n");

        assertThatThrownBy(() -> from(Map.of("VERITY_CONFIG", yaml.toString())))
                .hasMessage("ocr.langs is not an OCR setting; known: [mode, languages, dpi, page_timeout_ms,"
                        + " parallelism, command]");
    }
}
