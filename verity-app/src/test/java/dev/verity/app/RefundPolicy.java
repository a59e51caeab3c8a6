package dev.verity.app;

import dev.verity.testkit.files.SampleFiles;
import java.nio.file.Path;
import java.util.List;

/** A one-page refund policy and a model reply that answers from it, for the tests of LLM answers. */
final class RefundPolicy {
    static final String FACT = "Refunds are granted within 21 days of purchase.";
    /** A valid reply citing {@link #FACT} as source S1. */
    static final String ANSWER = """
            {"answer": "Refunds are granted within 21 days.",
             "citations": [{"source": "S1", "quote": "Refunds are granted within 21 days of purchase."}],
             "abstain": false, "abstain_reason": ""}""";

    private RefundPolicy() {}

    /** Writes the policy as {@code policy.pdf} in {@code dir}. */
    static Path pdf(Path dir) {
        return SampleFiles.pdf(dir.resolve("policy.pdf"), "Refund policy", List.of(FACT
                + " Store credit never expires. Items must be returned in their original packaging."));
    }
}
