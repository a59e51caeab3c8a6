package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void suggestsAskingTheDataFolderTheDemoUsed() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--data", dir.toString());

        assertThat(demo.suggestion())
                .isEqualTo(
                        "Try your own: ./verity ask --data " + dir + " \"your question\"" + "   (data in " + dir + ")");
    }

    @Test
    void withoutDataTheSuggestionNeedsNone() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs();

        assertThat(demo.suggestion()).startsWith("Try your own: ./verity ask \"your question\"   (data in ");
    }
}
