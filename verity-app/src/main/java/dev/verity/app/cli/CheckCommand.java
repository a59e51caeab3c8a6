package dev.verity.app.cli;

import dev.verity.app.Verity;
import dev.verity.app.json.Json;
import dev.verity.catalog.ConsistencyReport;
import dev.verity.index.IndexedDocument;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionWorkers;
import dev.verity.catalog.DocumentRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compare the catalogue (database), the index and the stored originals.",
            "Exit code 0 when the catalogue and the index agree, 5 when they drifted apart.",
            "--repair removes chunks nothing catalogues, re-ingests drifted documents from their stored originals and"
                + " deletes originals nothing needs."})
final class CheckCommand implements Callable<Integer> {
    static final int EXIT_DRIFT = 5;

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
            ConsistencyReport report = check(verity);
            if (repair && (report.drifted() || !report.unusedOriginals().isEmpty())) {
                print(report, out);
                repair(verity, report, out);
                report = check(verity);
            }
            print(report, out);
            return report.drifted() ? EXIT_DRIFT : 0;
        }
    }

    private static ConsistencyReport check(Verity verity) {
        return ConsistencyReport.compare(verity.documents().all(), verity.index().documents(),
                verity.blobs().list(), verity.jobs().referenced());
    }

    private void repair(Verity verity, ConsistencyReport report, PrintWriter out) {
        for (IndexedDocument orphan : report.notCatalogued()) {
            verity.index().deleteDocument(orphan.documentId());
            out.println("removed from the index: " + orphan.documentId() + " v" + orphan.version()
                    + " (not in the catalogue)");
        }
        verity.index().commit();
        List<DocumentRecord> reingest = new ArrayList<>(report.missingFromIndex());
        report.mismatched().forEach(m -> reingest.add(m.catalogue()));
        verity.documents().all().stream()
                .filter(r -> report.mixedVersions().contains(r.id()))
                .forEach(reingest::add);
        Map<IngestOptions, List<SourceFile>> batches = new LinkedHashMap<>();
        for (DocumentRecord record : reingest) {
            Optional<Path> original = verity.blobs().path(record.info().contentSha256());
            if (original.isEmpty()) {
                out.println("cannot repair " + record.id() + " (" + record.info().source()
                        + "): its original is not stored; ingest the file again");
                continue;
            }
            IngestOptions options = new IngestOptions(record.info().tenant(), record.info().collection(),
                    record.info().acl());
            batches.computeIfAbsent(options, o -> new ArrayList<>())
                    .add(new SourceFile(original.get(), record.info().source()));
        }
        IngestionService ingestion = batches.isEmpty() ? null : verity.ingestion();
        for (Map.Entry<IngestOptions, List<SourceFile>> batch : batches.entrySet()) {
            for (IngestResult result : ingestion.ingest(batch.getValue(), batch.getKey(),
                    IngestionWorkers.Listener.none())) {
                out.println("re-ingested from its original: " + IngestCommand.humanLine(result));
            }
        }
        for (String sha : verity.jobs().unreferenced(report.unusedOriginals())) {
            verity.blobs().delete(sha);
        }
        if (!report.unusedOriginals().isEmpty()) {
            out.println("deleted " + report.unusedOriginals().size() + " original(s) nothing needs");
        }
    }

    private void print(ConsistencyReport r, PrintWriter out) {
        if (json) {
            out.println(Json.line(r));
            return;
        }
        out.printf("%d documents in the catalogue, %d chunks in the index: %s%n", r.documents(), r.chunks(),
                r.drifted() ? "DRIFT" : "consistent");
        r.missingFromIndex().forEach(d -> out.println("  missing from the index: " + d.id() + " v"
                + d.info().version() + " " + d.info().source()));
        r.notCatalogued().forEach(d -> out.println("  in the index only: " + d.documentId() + " v" + d.version()
                + " (" + d.chunkCount() + " chunks)"));
        r.mismatched().forEach(m -> out.println("  differs: " + m.catalogue().id() + " catalogue v"
                + m.catalogue().info().version() + "/" + m.catalogue().chunkCount() + " chunks, index v"
                + m.index().version() + "/" + m.index().chunkCount() + " chunks"));
        r.mixedVersions().forEach(id -> out.println("  chunks of several versions in the index: " + id));
        if (!r.missingOriginals().isEmpty()) {
            out.println("  " + r.missingOriginals().size() + " document(s) without a stored original (ingested before"
                    + " originals were kept, or removed by hand): they cannot be repaired from the data folder");
        }
        if (!r.unusedOriginals().isEmpty()) {
            out.println("  " + r.unusedOriginals().size() + " stored original(s) nothing needs (--repair deletes them)");
        }
    }
}
