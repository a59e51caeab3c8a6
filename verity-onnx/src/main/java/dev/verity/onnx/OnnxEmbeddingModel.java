package dev.verity.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.verity.embedding.EmbeddingModel;
import dev.verity.embedding.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sentence embeddings in process: a Hugging Face tokenizer (DJL, native) and an ONNX Runtime session over a model
 * whose files ship inside a Maven artifact, so nothing is downloaded at build or run time.
 *
 * <p>Texts are embedded one at a time, without padding: on a CPU, padded batches of ~100-token passages are no faster
 * and waste work on pad tokens. Parallelism comes from callers on several threads, each call using
 * {@link OnnxSettings#intraOpThreads()} threads (1 by default, so two workers on two cores do not oversubscribe).
 *
 * <p>Thread-safe: ONNX Runtime sessions and DJL tokenizers may be used concurrently. Close it to free native memory.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel, AutoCloseable {
    private final ModelSpec spec;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final long sepId;

    public OnnxEmbeddingModel(ModelSpec spec, OnnxSettings settings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(settings, "settings");
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(readResource(spec.modelResource()), options);
            this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "cannot load the ONNX model " + spec.modelResource() + ": " + e.getMessage(), e);
        }
        try {
            this.tokenizer = loadTokenizer(spec.tokenizerResource());
        } catch (RuntimeException e) {
            closeSession();
            throw e;
        }
        long[] withSpecials = tokenizer.encode("a", true, false).getIds();
        this.sepId = withSpecials[withSpecials.length - 1];
    }

    /** The default model (bge-small-en-v1.5, int8) with default settings. */
    public static OnnxEmbeddingModel defaultModel() {
        return new OnnxEmbeddingModel(ModelSpec.bgeSmallEnV15Quantized(), OnnxSettings.defaults());
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public TokenCounter tokenCounter() {
        return text ->
                InferenceThreads.call(() -> tokenizer.encode(text, false, false).getIds().length);
    }

    @Override
    public float[] embedQuery(String query) {
        return embed(spec.queryPrefix() + query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<float[]> vectors = new ArrayList<>(passages.size());
        for (String passage : passages) {
            vectors.add(embed(passage));
        }
        return vectors;
    }

    /**
     * Embeds one text exactly as given (no prefix): the path benchmarks compare with a raw session. Tokenizing and
     * inference run on an {@link InferenceThreads inference thread}, so no input can overflow the caller's stack.
     */
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        return InferenceThreads.call(() -> embedInPlace(text));
    }

    private float[] embedInPlace(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = truncate(encoding.getIds());
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1L);
        return runInPlace(ids, mask);
    }

    /** Runs the model on token ids that already include the special tokens; returns the pooled, normalized vector. */
    float[] run(long[] ids, long[] mask) {
        return InferenceThreads.call(() -> runInPlace(ids, mask));
    }

    private float[] runInPlace(long[] ids, long[] mask) {
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTokenTypes) {
                inputs.put(
                        "token_type_ids",
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                // one bulk copy of the [1, tokens, dim] output instead of nested Java arrays
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return normalize(pool(hidden, mask));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed in ONNX Runtime: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private long[] truncate(long[] ids) {
        if (ids.length <= spec.maxTokens()) {
            return ids;
        }
        long[] cut = java.util.Arrays.copyOf(ids, spec.maxTokens());
        cut[cut.length - 1] = sepId;
        return cut;
    }

    /** Pools a row-major [tokens, dimension] matrix into one vector. */
    private float[] pool(FloatBuffer hidden, long[] mask) {
        int dimension = hidden.remaining() / mask.length;
        float[] sum = new float[dimension];
        if (spec.pooling() == Pooling.CLS) {
            hidden.get(0, sum);
            return sum;
        }
        int count = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < dimension; d++) {
                sum[d] += hidden.get(t * dimension + d);
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, count);
        }
        return sum;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** A tokenizer that neither pads nor truncates, so that counting sees the full length of a text. */
    static HuggingFaceTokenizer loadTokenizer(String resource) {
        try (InputStream in = resource(resource)) {
            Map<String, String> options = new HashMap<>();
            options.put("padding", "false");
            options.put("truncation", "false");
            // counting must see the full length; truncation for the model happens in encode()
            options.put("modelMaxLength", String.valueOf(Integer.MAX_VALUE));
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the tokenizer " + resource, e);
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model resource " + name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the model resource " + name + " is not on the classpath; the jar that"
                    + " ships it is missing from the build");
        }
        return in;
    }

    @Override
    public void close() {
        tokenizer.close();
        closeSession();
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException | RuntimeException ignored) {
            // already closed, or failing to free native memory at shutdown: nothing left to do
        }
    }
}
