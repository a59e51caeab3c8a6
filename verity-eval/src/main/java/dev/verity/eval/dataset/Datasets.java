package dev.verity.eval.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a dataset in either format, telling them apart by shape when the format is not given. */
public final class Datasets {
    private Datasets() {}

    /**
     * A folder is read as BEIR, a file as Verity JSONL, unless {@code format} says otherwise.
     *
     * @param split the BEIR qrels split; ignored for a Verity dataset
     */
    public static Dataset read(Path path, Optional<DatasetFormat> format, String split) {
        if (!Files.exists(path)) {
            throw new DatasetException("no such dataset: " + path);
        }
        DatasetFormat chosen = format.orElse(Files.isDirectory(path) ? DatasetFormat.BEIR : DatasetFormat.VERITY);
        return switch (chosen) {
            case VERITY -> {
                if (Files.isDirectory(path)) {
                    throw new DatasetException(path + " is a folder; a Verity dataset is one .jsonl file (a BEIR"
                            + " folder needs --format beir)");
                }
                yield VerityJsonl.read(path);
            }
            case BEIR -> Beir.read(path, split);
        };
    }
}
