package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.cli.ExitCodes;
import dev.verity.query.QueryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A question far longer than any real one (a pasted document) is refused before anything runs, with one line that says
 * the limit and what to do; a question just under the limit is still answered.
 */
class LongQuestionIT {
    @TempDir
    static Path root;

    static Path data;

    @BeforeAll
    static void ingest() throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("leave.txt"), "Employees receive 27 days of paid annual leave. Why? Rest.\n");
        data = root.resolve("data");
        Cli.Result ingest = Cli.run("ingest", "--data", data.toString(), docs.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    }

    @Test
    void aFiveThousandCharacterQuestionIsRefusedWithOneLineAndExit2() {
        Cli.Result ask =
                Cli.run("ask", "--data", data.toString(), "why ".repeat(1250).strip());

        assertThat(ask.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ask.err().strip().lines()).hasSize(1);
        assertThat(ask.err()).contains(String.valueOf(QueryRequest.MAX_QUESTION_CHARS));
    }

    @Test
    void aQuestionJustUnderTheLimitIsStillAnswered() {
        String question = ("why ".repeat(QueryRequest.MAX_QUESTION_CHARS / 4)).strip();
        assertThat(question.length()).isLessThanOrEqualTo(QueryRequest.MAX_QUESTION_CHARS);

        Cli.Result ask = Cli.run("ask", "--data", data.toString(), "--json", question);

        assertThat(ask.exitCode()).as(ask.err()).isZero();
        assertThat(ask.json().has("answer")).isTrue();
    }
}
