package dev.verity.eval.dataset;

import java.util.Locale;

/** The layouts {@code verity eval} reads. */
public enum DatasetFormat {
    /** One JSON case per line; see {@code docs/eval-dataset.md}. */
    VERITY,
    /** A BEIR folder: {@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/<split>.tsv}. */
    BEIR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code verity} or {@code beir}, in any case. */
    public static DatasetFormat parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "verity", "jsonl" -> VERITY;
            case "beir" -> BEIR;
            default ->
                throw new IllegalArgumentException("dataset format must be verity or beir, got \"" + name + "\"");
        };
    }
}
