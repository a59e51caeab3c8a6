package dev.verity.app.cli;

import dev.verity.app.Verity;
import dev.verity.document.DocumentIds;
import dev.verity.index.SearchFilter;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFiles;
import dev.verity.query.QueryRequest;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Ingest the sample corpus and answer a few questions about it.",
            "Public documents come from SAMPLES/corpus, documents visible to principal 'hr' only from"
                    + " SAMPLES/restricted; the questions from SAMPLES/demo-questions.txt ('hr|question' asks as hr)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--samples", paramLabel = "DIR", defaultValue = "samples",
            description = "The sample folder. Default: ${DEFAULT-VALUE}.")
    Path samples;

    @Spec
    CommandSpec spec;

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
        try (Verity verity = Verity.forWriting(data.config())) {
            out.println("== Ingesting " + corpus + " (public) and " + restricted + " (visible to principal hr)");
            List<IngestResult> results = new ArrayList<>(verity.ingestion().ingest(
                    SourceFiles.expand(List.of(corpus)), IngestOptions.into(DocumentIds.DEFAULT_COLLECTION),
                    (r, done, total) -> out.println("  " + IngestCommand.humanLine(r))));
            if (Files.isDirectory(restricted)) {
                results.addAll(verity.ingestion().ingest(SourceFiles.expand(List.of(restricted)),
                        IngestOptions.into(DocumentIds.DEFAULT_COLLECTION).withAcl(Set.of("hr")),
                        (r, done, total) -> out.println("  " + IngestCommand.humanLine(r))));
            }
            rejected = (int) results.stream().filter(r -> r.status() == IngestStatus.REJECTED).count();
            out.flush();
            for (String line : Files.readAllLines(questions)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                Set<String> principals = bar < 0 ? Set.of() : Set.of(line.substring(0, bar).split(","));
                String question = line.substring(bar + 1).strip();
                out.println();
                out.println("== Q" + (principals.isEmpty() ? "" : " (as " + String.join(",", principals) + ")")
                        + ": " + question);
                SearchFilter filter = SearchFilter.collection(DocumentIds.DEFAULT_COLLECTION).withPrincipals(principals);
                AskCommand.print(out, verity.query().ask(QueryRequest.of(question, filter)));
                out.flush();
            }
        }
        out.println();
        out.println("Try your own: ./verity ask \"your question\"   (data in " + data.config().dataDir() + ")");
        return rejected > 0 ? VerityCommand.EXIT_REJECTED : 0;
    }
}
