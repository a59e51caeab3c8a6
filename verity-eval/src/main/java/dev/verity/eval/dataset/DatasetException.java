package dev.verity.eval.dataset;

/**
 * A dataset that cannot be read as given. The message starts with the file and, for a bad line, its 1-based number
 * ({@code golden.jsonl:12: answerable must be true or false, got "yes"}).
 */
public class DatasetException extends IllegalArgumentException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    static DatasetException at(String file, int line, String what) {
        return new DatasetException(file + ":" + line + ": " + what);
    }
}
