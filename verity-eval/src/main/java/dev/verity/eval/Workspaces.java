package dev.verity.eval;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the {@link Workspace} an evaluation runs against, in one of three ways {@link EvaluationService} chooses from:
 * the configured data folder as it is (nothing to ingest), the configured data folder to ingest into, or a fresh folder
 * the service created and deletes afterwards.
 *
 * <p>Implementations: {@code EvalWorkspaces} in verity-app, over its composition root; fakes in this module's tests.
 */
public interface Workspaces {
    /**
     * The configured data folder, read only: it must already hold an index.
     *
     * @throws IllegalArgumentException when the folder holds no Verity data, saying how to make some
     */
    Workspace existing() throws IOException;

    /** The configured data folder, to ingest into; created when missing. Documents ingested there stay. */
    Workspace configured() throws IOException;

    /**
     * A workspace kept entirely in {@code folder}, an empty folder: nothing configured outside it (a server database,
     * say) may receive the run's documents.
     */
    Workspace fresh(Path folder) throws IOException;
}
