package dev.verity.observability;

/** {@link Tracer#noop()}: one shared span that ignores everything. */
enum NoopTracer implements Tracer, Tracer.Span {
    INSTANCE;

    @Override
    public Span start(String name) {
        return this;
    }

    @Override
    public Span attribute(String key, String value) {
        return this;
    }

    @Override
    public Span attribute(String key, long value) {
        return this;
    }

    @Override
    public Span attribute(String key, double value) {
        return this;
    }

    @Override
    public Span attribute(String key, boolean value) {
        return this;
    }

    @Override
    public void end() {}
}
