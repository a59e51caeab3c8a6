package dev.verity.onnx;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** The first token's vector ([CLS]); what bge models are trained with. */
    CLS,
    /** The attention-masked mean of all token vectors; what MiniLM and e5 models are trained with. */
    MEAN
}
