package dev.verity.parsers.isolation;

/**
 * A parent for {@link ProcessLifecycleIT}: starts a pool of two parser processes, prints their process ids on one
 * line, then waits to be killed.
 */
public final class PoolHolder {
    private PoolHolder() {}

    public static void main(String[] args) throws Exception {
        IsolatedDocumentParser parser = new IsolatedDocumentParser(IsolationSettings.defaults(2));
        while (parser.processIds().size() < 2) {
            Thread.sleep(100);
        }
        System.out.println("pids " + parser.processIds().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
