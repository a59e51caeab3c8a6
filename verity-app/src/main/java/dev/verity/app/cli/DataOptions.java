package dev.verity.app.cli;

import dev.verity.app.VerityConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder (index and database). Default: $VERITY_DATA, else ./verity-data.")
    Path data;

    VerityConfig config() {
        return VerityConfig.from(VerityConfig.resolveDataDir(data, System.getenv()), System.getenv());
    }
}
