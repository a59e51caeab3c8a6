package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.verity.app.assembly.Verity;
import dev.verity.app.json.AnswerView;
import dev.verity.app.json.IngestResultView;
import dev.verity.app.json.Json;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFiles;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.query.QueryRequest;
import dev.verity.query.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Ingest the sample corpus and answer a few questions about it.",
            "Public documents come from SAMPLES/corpus, documents visible to principal 'hr' only from"
                    + " SAMPLES/restricted; the questions from SAMPLES/demo-questions.txt ('hr|question' asks as hr)."
        })
final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            defaultValue = "samples",
            description = "The sample folder. Default: ${DEFAULT-VALUE}.")
    Path samples;

    @Option(
            names = "--json",
            description = "One JSON object per ingested file, then one per answer (with its"
                    + " question and principals); no headings.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** One answer of {@code --json}: the answer object of {@code verity ask --json}, with what was asked and as whom. */
    record DemoAnswer(
            String question,
            List<String> principals,
            @JsonUnwrapped AnswerView answer) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path corpus = samples.resolve("corpus");
        Path restricted = samples.resolve("restricted");
        Path questions = samples.resolve("demo-questions.txt");
        if (!Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("no sample corpus at " + corpus.toAbsolutePath()
                    + "; run from the repository root or pass --samples DIR");
        }
        int rejected = 0;
        IngestionWorkers.Listener printer = (r, done, total) ->
                out.println(json ? Json.line(IngestResultView.of(r)) : "  " + IngestCommand.humanLine(r));
        try (Verity verity = Verity.forWriting(data.config())) {
            if (!json) {
                out.println("== Ingesting " + corpus + " (public) and " + restricted + " (visible to principal hr)");
            }
            List<IngestResult> results = new ArrayList<>(verity.ingestion()
                    .ingest(
                            SourceFiles.expand(List.of(corpus)),
                            IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                            printer));
            if (Files.isDirectory(restricted)) {
                results.addAll(verity.ingestion()
                        .ingest(
                                SourceFiles.expand(List.of(restricted)),
                                IngestOptions.into(DocumentIds.DEFAULT_COLLECTION)
                                        .withAcl(Set.of("hr")),
                                printer));
            }
            rejected = (int) results.stream()
                    .filter(r -> r.status() == IngestStatus.REJECTED)
                    .count();
            out.flush();
            for (String line : Files.readAllLines(questions)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                Set<String> principals =
                        bar < 0 ? Set.of() : Set.of(line.substring(0, bar).split(","));
                String question = line.substring(bar + 1).strip();
                SearchFilter filter =
                        SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION).withPrincipals(principals);
                QueryResult result = verity.query().ask(QueryRequest.of(question, filter));
                if (json) {
                    out.println(Json.line(new DemoAnswer(
                            question, principals.stream().sorted().toList(), AnswerView.of(result))));
                } else {
                    out.println();
                    out.println("== Q" + (principals.isEmpty() ? "" : " (as " + String.join(",", principals) + ")")
                            + ": " + question);
                    AskCommand.print(out, result);
                }
                out.flush();
            }
        }
        if (!json) {
            out.println();
            out.println(suggestion());
        }
        return rejected > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    /** The next command to try: with the {@code --data} this demo used, so that it asks the same data folder. */
    String suggestion() {
        String folder = data.config().dataDir().toString();
        String dataOption =
                data.data == null ? "" : "--data " + (folder.contains(" ") ? "'" + folder + "'" : folder) + " ";
        return "Try your own: ./verity ask " + dataOption + "\"your question\"   (data in " + folder + ")";
    }
}
