package dev.verity.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadNamesTest {
    @Test
    void removesControlAndFormatCharactersAndFolders() {
        assertThat(UploadNames.sanitise("../../etc/pass\u0000wd\n.txt", 0)).isEqualTo("passwd.txt");
        assertThat(UploadNames.sanitise("C:\\Users\\ada\\report\u202Efdp.exe", 0))
                .isEqualTo("reportfdp.exe");
    }

    @Test
    void namesAnUploadWithNoUsableName() {
        assertThat(UploadNames.sanitise(null, 0)).isEqualTo("upload-1");
        assertThat(UploadNames.sanitise("\u0000\u0001", 2)).isEqualTo("upload-3");
        assertThat(UploadNames.sanitise("dir/..", 0)).isEqualTo("upload-1");
    }

    @Test
    void shortensANameOver255BytesKeepingItsExtension() {
        String shortened = UploadNames.sanitise("a".repeat(300) + ".pdf", 0);
        assertThat(shortened).endsWith(".pdf");
        assertThat(shortened.getBytes(StandardCharsets.UTF_8)).hasSize(UploadNames.MAX_BYTES);

        String multibyte = UploadNames.sanitise("ø".repeat(200) + ".docx", 0); // two bytes each
        assertThat(multibyte).endsWith(".docx").startsWith("øø");
        assertThat(multibyte.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(UploadNames.MAX_BYTES);
        assertThat(UploadNames.sanitise("short.txt", 0)).isEqualTo("short.txt");
    }
}
