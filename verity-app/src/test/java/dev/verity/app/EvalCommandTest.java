package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verity eval}'s refusals: each says what is wrong and what to do, before any model or index is loaded. */
class EvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDatasetIsRequired() {
        Cli.Result result = Cli.run("eval");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --dataset is required");
    }

    @Test
    void aMalformedDatasetLineIsNamedByFileAndLine() throws IOException {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, "{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n{\"id\": \"q2\"}\n");
        Cli.Result result = Cli.run(
                "eval",
                "--dataset",
                set.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: " + set + ":2: missing \"question\"");
    }

    @Test
    void aBeirSplitThatIsNotThereNamesTheOnesThatAre() throws IOException {
        Files.createDirectories(dir.resolve("beir/qrels"));
        Files.writeString(dir.resolve("beir/qrels/train.tsv"), "q1\td1\t1\n");
        Cli.Result result = Cli.run("eval", "--dataset", dir.resolve("beir").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no qrels for split \"test\"").contains("splits here: train");
    }

    @Test
    void withoutACorpusTheDataFolderMustHoldAnIndex() throws IOException {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, "{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n");
        Cli.Result result = Cli.run(
                "eval",
                "--dataset",
                set.toString(),
                "--data",
                dir.resolve("none").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no Verity data in").contains("ingest documents first");
    }

    @Test
    void updatingABaselineNeedsItsFile() throws IOException {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, "{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n");
        Cli.Result result = Cli.run("eval", "--dataset", set.toString(), "--update-baseline");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--update-baseline needs --baseline FILE");
    }

    @Test
    void restrictedCorporaNameTheirPrincipals() throws IOException {
        Path set = dir.resolve("set.jsonl");
        Files.writeString(set, "{\"id\": \"q1\", \"question\": \"x\", \"answerable\": true}\n");
        Cli.Result result = Cli.run("eval", "--dataset", set.toString(), "--restricted", "samples/restricted");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--restricted takes PATH=P1,P2");
    }

    @Test
    void compareNeedsTwoRunsOrTwoModes() {
        Cli.Result result = Cli.run("eval", "compare", dir.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("compare takes two reports (A and B), or one with --modes A,B");
    }

    @Test
    void helpPrintsNoFormattingWarning() {
        // picocli reports a description it cannot format (a lone % in it) on System.err, not on the command's stream
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Cli.Result result;
        Cli.Result compare;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            result = Cli.run("eval", "--help");
            compare = Cli.run("eval", "compare", "--help");
        } finally {
            System.setErr(original);
        }
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Paired comparison of two runs").contains("bootstrap 95% confidence");
        assertThat(compare.out()).contains("bootstrap 95% confidence interval");
        assertThat(captured.toString(StandardCharsets.UTF_8) + result.err() + compare.err())
                .doesNotContain("WARN")
                .doesNotContain("format");
    }
}
