package dev.verity.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.app.assembly.Verity;
import dev.verity.app.json.IngestResultView;
import dev.verity.app.json.Json;
import dev.verity.catalog.ConsistencyReport;
import dev.verity.catalog.DocumentRecord;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.consistency.CatalogService;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Compare the catalogue (database), the index and the stored originals.",
            "Exit code 0 when the catalogue and the index agree, 5 when they drifted apart.",
            "--repair removes chunks nothing catalogues, re-ingests drifted documents from their stored originals and"
                    + " deletes originals nothing needs."
        })
final class CheckCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--repair", description = "Repair what can be repaired, then check again.")
    boolean repair;

    @Option(names = "--json", description = "The report as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Verity verity = repair ? Verity.forWriting(data.existing()) : Verity.forQueries(data.existing())) {
            CatalogService catalog = verity.catalog();
            ConsistencyReport report = catalog.check();
            if (repair && (report.drifted() || !report.unusedOriginals().isEmpty())) {
                print(report, out);
                print(catalog.repair(report), out);
                report = catalog.check();
            }
            print(report, out);
            return report.drifted() ? ExitCodes.DRIFT : ExitCodes.OK;
        }
    }

    /** What {@code --repair} did, as one JSON object before the report checked again. */
    record RepairView(
            @JsonProperty("removed_from_index") List<String> removedFromIndex,
            @JsonProperty("without_original") List<String> withoutOriginal,
            List<IngestResultView> reingested,
            @JsonProperty("deleted_originals") int deletedOriginals) {}

    private void print(CatalogService.Repair repair, PrintWriter out) {
        if (json) {
            out.println(Json.line(new RepairView(
                    repair.removedFromIndex().stream()
                            .map(IndexedDocument::documentId)
                            .toList(),
                    repair.withoutOriginal().stream().map(DocumentRecord::id).toList(),
                    repair.reingested().stream().map(IngestResultView::of).toList(),
                    repair.deletedOriginals())));
            return;
        }
        repair.removedFromIndex()
                .forEach(orphan -> out.println("removed from the index: " + orphan.documentId() + " v"
                        + orphan.version() + " (not in the catalogue)"));
        repair.withoutOriginal()
                .forEach(record -> out.println("cannot repair " + record.id() + " ("
                        + record.info().source() + "): its original is not stored; ingest the file again"));
        repair.reingested()
                .forEach(result -> out.println("re-ingested from its original: " + IngestCommand.humanLine(result)));
        if (repair.deletedOriginals() > 0) {
            out.println("deleted " + repair.deletedOriginals() + " original(s) nothing needs");
        }
    }

    private void print(ConsistencyReport r, PrintWriter out) {
        if (json) {
            out.println(Json.line(r));
            return;
        }
        out.printf(
                "%d documents in the catalogue, %d chunks in the index: %s%n",
                r.documents(), r.chunks(), r.drifted() ? "DRIFT" : "consistent");
        r.missingFromIndex()
                .forEach(d -> out.println("  missing from the index: " + d.id() + " v"
                        + d.info().version() + " " + d.info().source()));
        r.notCatalogued()
                .forEach(d -> out.println("  in the index only: " + d.documentId() + " v" + d.version() + " ("
                        + d.chunkCount() + " chunks)"));
        r.mismatched()
                .forEach(m -> out.println("  differs: " + m.catalogue().id() + " catalogue v"
                        + m.catalogue().info().version() + "/" + m.catalogue().chunkCount() + " chunks, index v"
                        + m.index().version() + "/" + m.index().chunkCount() + " chunks"));
        r.mixedVersions().forEach(id -> out.println("  chunks of several versions in the index: " + id));
        if (!r.missingOriginals().isEmpty()) {
            out.println("  " + r.missingOriginals().size() + " document(s) without a stored original (ingested before"
                    + " originals were kept, or removed by hand): they cannot be repaired from the data folder");
        }
        if (!r.unusedOriginals().isEmpty()) {
            out.println(
                    "  " + r.unusedOriginals().size() + " stored original(s) nothing needs (--repair deletes them)");
        }
    }
}
