package dev.verity.app.cli;

import dev.verity.app.assembly.Verity;
import dev.verity.app.json.CollectionView;
import dev.verity.app.json.Json;
import dev.verity.identity.Caller;
import dev.verity.ingestion.consistency.CatalogService.CollectionSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "collections",
        mixinStandardHelpOptions = true,
        description = "List the collections holding documents the caller can see, with how many.")
final class CollectionsCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--as",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals of the caller: restricted documents are visible only to holders.")
    Set<String> principals = Set.of();

    @Option(names = "--json", description = "One JSON object per collection: {\"name\", \"documents\"}.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = Verity.forQueries(data.existing())) {
            List<CollectionSummary> collections = verity.catalog().collections(Caller.local(principals));
            for (CollectionSummary c : collections) {
                out.println(
                        json
                                ? Json.line(CollectionView.of(c))
                                : "%-32s %6d documents".formatted(c.name(), c.documents()));
            }
            if (!json) {
                out.printf("%d collections%n", collections.size());
            }
        }
        return ExitCodes.OK;
    }
}
