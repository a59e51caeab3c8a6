package dev.verity.onnx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs native inference (the Rust tokenizer, ONNX Runtime) on platform threads with a deep stack, whatever thread the
 * caller is on. Native code that recurses past the end of a Java thread's stack does not throw a
 * {@link StackOverflowError}: it kills the JVM with a segmentation fault (exit 139), which is how a 5,000-character
 * question once ended {@code verity ask}. Virtual threads, server worker threads and a launcher's main thread all have
 * small or unknown stacks; these threads have {@link #STACK_BYTES}, reserved but only committed as used.
 *
 * <p>The pool grows with the callers (one thread per concurrent call, idle threads retire after a minute), so moving
 * the work here adds a hand-over of a few microseconds and takes no parallelism away. Calls made on an inference
 * thread run in place.
 */
final class InferenceThreads {
    /** The stack of each inference thread: far more than any input the models accept can need. */
    static final long STACK_BYTES = 64L * 1024 * 1024;

    private static final String NAME = "verity-inference-";

    private static final ExecutorService POOL = new java.util.concurrent.ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            Thread.ofPlatform()
                    .name(NAME, 0)
                    .daemon(true)
                    .stackSize(STACK_BYTES)
                    .factory());

    private InferenceThreads() {}

    /** Runs {@code work} on an inference thread and returns its result; its unchecked exceptions are rethrown as is. */
    static <T> T call(Callable<T> work) {
        if (Thread.currentThread().getName().startsWith(NAME)) {
            return callInPlace(work);
        }
        Future<T> result = POOL.submit(work);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <T> T callInPlace(Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        return switch (cause) {
            case RuntimeException unchecked -> unchecked;
            case Error error -> throw error;
            default -> new IllegalStateException(cause.getMessage(), cause);
        };
    }

    /** Whether the calling thread is an inference thread (for tests). */
    static boolean onInferenceThread() {
        return Thread.currentThread().getName().startsWith(NAME);
    }
}
