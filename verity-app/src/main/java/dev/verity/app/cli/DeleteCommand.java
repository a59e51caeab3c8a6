package dev.verity.app.cli;

import dev.verity.app.Verity;
import dev.verity.document.DocumentIds;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a document (all its chunks) from a collection.")
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--collection", paramLabel = "NAME", required = true, description = "The document's collection.")
    String collection;

    @Parameters(paramLabel = "DOCUMENT_ID", description = "As listed by `verity docs`.")
    String documentId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Verity verity = Verity.forWriting(data.existing())) {
            if (verity.catalog().delete(DocumentIds.DEFAULT_TENANT, DocumentIds.requireCollection(collection), documentId)) {
                spec.commandLine().getOut().println("deleted " + documentId + " from " + collection);
                return 0;
            }
            spec.commandLine().getErr().println("error: collection " + collection + " has no document " + documentId
                    + " (see `verity docs --collection " + collection + "`)");
            return VerityCommand.EXIT_FAILED;
        }
    }
}
