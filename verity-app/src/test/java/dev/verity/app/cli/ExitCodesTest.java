package dev.verity.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.conversation.ConversationNotFoundException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One table of exit codes: what {@code verity --help} says is what the commands return. */
class ExitCodesTest {
    @TempDir
    Path dir;

    @Test
    void helpEndsWithTheTableOfExitCodes() {
        Run help = run("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("""
                Exit codes:
                  0  done
                  1  could not run (locked index, unreachable database, internal error)
                  2  usage error (unknown option, bad value, missing argument)
                  3  some files were rejected or quarantined
                  4  eval: a gated metric fell below its baseline
                  5  check: the catalogue and the index drifted apart
                  6  not found (file or folder, document, batch or job, prompt, API key)
                """);
    }

    @Test
    void whatWasNotFoundExitsSixInvalidInputTwoAndAnythingElseOne() {
        assertThat(VerityCommand.exitCode(new NotFoundException("no ingestion job j_1")))
                .isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(VerityCommand.exitCode(new NoSuchFileException("a.pdf"))).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(VerityCommand.exitCode(new IllegalArgumentException("bad"))).isEqualTo(ExitCodes.USAGE);
        assertThat(VerityCommand.exitCode(new ConversationNotFoundException("c_1")))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(VerityCommand.exitCode(new IllegalStateException("broken"))).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void inspectingAMissingFileExitsSixNamingIt() {
        Path missing = dir.resolve("missing.pdf");

        Run inspect = run("inspect", missing.toString());

        assertThat(inspect.code()).isEqualTo(6);
        assertThat(inspect.err()).isEqualTo("error: no such file or folder: " + missing + "\n");
    }

    @Test
    void ingestingAMissingFileExitsSixNamingIt() {
        Path missing = dir.resolve("missing.pdf");

        Run ingest = run("ingest", "--data", dir.resolve("data").toString(), missing.toString());

        assertThat(ingest.code()).isEqualTo(6);
        assertThat(ingest.err()).isEqualTo("error: no such file or folder: " + missing + "\n");
    }

    @Test
    void anUnknownPromptExitsSixNamingTheShippedOnes() {
        Run show = run("prompts", "show", "answer@7");

        assertThat(show.code()).isEqualTo(6);
        assertThat(show.err())
                .startsWith("error: no prompt answer@7; shipped: [")
                .contains("answer@1");
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VerityCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
    }
}
