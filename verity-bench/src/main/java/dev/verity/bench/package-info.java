/**
 * Benchmarks that write reports (JSON and Markdown under {@code bench/out}, summarised in {@code docs/benchmarks.md}),
 * each comparing Verity with a limit or a peer measured in the same run: raw ONNX Runtime for embedding, the
 * {@code tesseract} command for OCR, a mock provider without Verity for the LLM path.
 *
 * <pre>{@code
 * scripts/bench.sh            # embedding, retrieval and answer latency up to 100k chunks
 * scripts/bench.sh llm        # overhead around the provider call, SSE relay, faults
 * }</pre>
 *
 * <p>Never run by the test suite, and never a timed assertion: numbers are reported, not asserted.
 */
@NullMarked
package dev.verity.bench;

import org.jspecify.annotations.NullMarked;
