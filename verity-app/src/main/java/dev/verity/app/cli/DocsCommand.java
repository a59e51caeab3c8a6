package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.json.DocumentView;
import dev.verity.app.json.Json;
import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "docs", mixinStandardHelpOptions = true, description = "List the documents of a collection.")
final class DocsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--collection",
            paramLabel = "NAME",
            defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "Collection to list. Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(names = "--json", description = "One JSON object per document.")
    boolean json;

    @Option(
            names = "--quality",
            description = "Also show how well each file was read: pages without text, OCR share"
                    + " and confidence, tables and cells, characters per page, warnings.")
    boolean quality;

    @Option(
            names = "--as",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals of the caller: restricted documents are visible only to holders.")
    Set<String> principals = Set.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = Verity.forQueries(data.existing())) {
            List<DocumentRecord> docs =
                    verity.catalog().list(Caller.local(principals), DocumentIds.requireCollection(collection));
            for (DocumentRecord doc : docs) {
                if (json) {
                    out.println(Json.line(DocumentView.of(doc)));
                } else {
                    out.printf(
                            "%-24s v%-3d %4d chunks  %-3s %-8s %s%n",
                            doc.id(),
                            doc.info().version(),
                            doc.chunkCount(),
                            doc.info().language(),
                            doc.info().acl().isEmpty()
                                    ? "public"
                                    : String.join(",", doc.info().acl()),
                            doc.info().source());
                    if (quality) {
                        List<String> lines = doc.quality()
                                .map(QualityReport::lines)
                                .orElse(List.of("no quality report (ingested before Verity kept one)"));
                        lines.forEach(line -> out.printf("    %s%n", line));
                    }
                }
            }
            if (!json) {
                out.printf("%d documents in collection %s%n", docs.size(), collection);
            }
        }
        return 0;
    }
}
