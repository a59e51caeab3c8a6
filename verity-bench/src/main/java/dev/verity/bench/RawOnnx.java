package dev.verity.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The peer of the embedding benchmarks: a bare ONNX Runtime session on the same model file, fed token ids that were
 * prepared before the clock starts. Whatever Verity adds (tokenizing, pooling, normalizing, caching, bookkeeping)
 * shows as the gap to this.
 */
final class RawOnnx implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    RawOnnx() throws IOException, OrtException {
        try (InputStream model = RawOnnx.class.getResourceAsStream("/bge-small-en-v1.5-q.onnx");
                InputStream tok = RawOnnx.class.getResourceAsStream("/bge-small-en-v1.5-q-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.readAllBytes(), options);
            tokenizer = HuggingFaceTokenizer.newInstance(
                    tok, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
        }
    }

    List<long[]> tokenize(List<String> texts) {
        List<long[]> ids = new ArrayList<>();
        for (String text : texts) {
            ids.add(tokenizer.encode(text, true, false).getIds());
        }
        return ids;
    }

    /** Runs the model once per input on {@code threads} threads; returns passages per second. */
    double throughput(List<long[]> inputs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < inputs.size(); i += threads) {
                        run(inputs.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return inputs.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private void run(long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            try (OrtSession.Result result = session.run(in)) {
                result.get(0).getValue();
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        tokenizer.close();
        session.close();
    }
}
