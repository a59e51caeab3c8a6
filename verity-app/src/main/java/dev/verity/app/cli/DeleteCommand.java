package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.assembly.Verity;
import dev.verity.app.json.Json;
import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Delete a document (all its chunks) from a collection.",
            "Exit code 0 when it was deleted, 6 when the collection holds no such document."
        })
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(
            names = "--collection",
            paramLabel = "NAME",
            defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "The document's collection. Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(names = "--json", description = "Print what was deleted as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "DOCUMENT_ID", description = "As listed by `verity docs`.")
    String documentId;

    @Option(
            names = "--as",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals of the caller: restricted documents are visible only to holders.")
    Set<String> principals = Set.of();

    @Spec
    CommandSpec spec;

    /** The {@code --json} output. */
    record Deleted(@JsonProperty("document_id") String documentId, String collection, boolean deleted) {}

    @Override
    public Integer call() {
        String name = DocumentIds.requireCollection(collection);
        try (Verity verity = Verity.forWriting(data.existing())) {
            if (!verity.catalog().delete(Caller.local(principals), name, documentId)) {
                throw new NotFoundException("collection " + collection + " has no document " + documentId
                        + " (see `verity docs --collection " + collection + "`)");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                json
                        ? Json.line(new Deleted(documentId, name, true))
                        : "deleted " + documentId + " from " + collection);
        return ExitCodes.OK;
    }
}
