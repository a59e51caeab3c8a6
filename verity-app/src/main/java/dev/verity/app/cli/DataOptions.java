package dev.verity.app.cli;

import dev.verity.app.config.VerityConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command. */
final class DataOptions {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data folder (index and database). Default: $VERITY_DATA, else ./verity-data.")
    Path data;

    VerityConfig config() {
        return VerityConfig.from(VerityConfig.resolveDataDir(data, System.getenv()), System.getenv());
    }

    /** The configuration of a data folder that must already hold an index: commands that only read never create one. */
    VerityConfig existing() {
        return requiring(config().indexDir());
    }

    /**
     * The configuration of a data folder that must already exist, index or not: files queued with `ingest --no-wait`
     * are in its database before anything is indexed.
     */
    VerityConfig existingFolder() {
        return requiring(config().dataDir());
    }

    private VerityConfig requiring(Path folder) {
        VerityConfig config = config();
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no Verity data in " + config.dataDir() + ": ingest documents first"
                    + " (verity ingest PATH…), or point --data or VERITY_DATA at an existing data folder");
        }
        return config;
    }
}
