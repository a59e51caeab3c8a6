package dev.verity.embedding;

/**
 * Counts tokens the way an embedding model's own tokenizer does, so chunk budgets match what the model sees.
 * Implementations: the ONNX embedding model's tokenizer; {@link #whitespace()} for tests of pure logic.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Tokens in {@code text}, without the model's special tokens (such as {@code [CLS]} and {@code [SEP]}). */
    int count(String text);

    /** Counts whitespace-separated words: a stand-in for unit tests only, never for real budgets. */
    static TokenCounter whitespace() {
        return text -> {
            String stripped = text.strip();
            return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        };
    }
}
