package dev.verity.onnx;

import dev.verity.internal.Checks;

/** @param intraOpThreads threads ONNX Runtime uses inside one call */
public record OnnxSettings(int intraOpThreads) {
    public OnnxSettings {
        Checks.positive(intraOpThreads, "intraOpThreads");
    }

    /** One thread per call: parallelism comes from concurrent callers, which avoids oversubscribing the cores. */
    public static OnnxSettings defaults() {
        return new OnnxSettings(1);
    }
}
