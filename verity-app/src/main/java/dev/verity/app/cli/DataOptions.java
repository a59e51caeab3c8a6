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

    /**
     * The configuration of the data folder, which may not exist yet.
     *
     * @throws IllegalArgumentException if the data folder, or a folder above it, is a file: said in one line with what
     *     to do, before anything opens it (the database would otherwise fail deep inside with a stack trace)
     */
    VerityConfig config() {
        VerityConfig config = VerityConfig.from(VerityConfig.resolveDataDir(data, System.getenv()), System.getenv());
        for (Path p = config.dataDir().toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) {
                throw new IllegalArgumentException("the data folder " + config.dataDir() + " cannot be used: " + p
                        + " is a file, not a folder; point --data or VERITY_DATA at a folder");
            }
        }
        return config;
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
