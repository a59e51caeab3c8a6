/**
 * In-process embeddings with ONNX Runtime: {@link dev.verity.onnx.OnnxEmbeddingModel} runs the model files shipped in
 * a Maven artifact (bge-small-en-v1.5, int8, by default) with the Hugging Face tokenizer of the same model.
 *
 * <pre>{@code
 * try (OnnxEmbeddingModel model = OnnxEmbeddingModel.defaultModel()) {
 *     float[] v = model.embedQuery("How many days of leave?"); // L2-normalised, 384 dimensions
 * }
 * }</pre>
 *
 * <p>The trap: ONNX Runtime 1.29 crashes at start when {@code java.class.path} is very long; launch from the fat jar
 * or a manifest-only classpath jar.
 */
@NullMarked
package dev.verity.onnx;

import org.jspecify.annotations.NullMarked;
