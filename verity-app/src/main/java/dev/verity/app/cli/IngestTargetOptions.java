package dev.verity.app.cli;

import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --collection}, {@code --acl} and {@code --max-file-size}: where files go, who sees them, what is too large. */
final class IngestTargetOptions {
    @Option(
            names = "--collection",
            paramLabel = "NAME",
            defaultValue = DocumentIds.DEFAULT_COLLECTION,
            description = "Collection to ingest into. Default: ${DEFAULT-VALUE}.")
    String collection;

    @Option(
            names = "--acl",
            paramLabel = "P1,P2…",
            split = ",",
            description = "Principals allowed to see these documents. Default: everyone in the collection.")
    Set<String> acl = Set.of();

    @Option(
            names = "--max-file-size",
            paramLabel = "BYTES",
            description = "Reject files larger than this. Default: 104857600 (100 MiB) or $VERITY_MAX_FILE_SIZE.")
    Long maxFileSize;

    /** The collection (checked) and ACL of the files. */
    IngestOptions options() {
        return IngestOptions.into(DocumentIds.requireCollection(collection)).withAcl(acl);
    }

    /** {@code config} with the size limit given on the command line, if any. */
    VerityConfig apply(VerityConfig config) {
        return maxFileSize == null
                ? config
                : config.withIngestion(config.ingestion().withMaxFileBytes(maxFileSize));
    }
}
