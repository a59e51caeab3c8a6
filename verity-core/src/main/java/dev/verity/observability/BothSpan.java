package dev.verity.observability;

import java.util.List;
import java.util.Optional;

/** A span of {@link Tracer#both}: every call goes to both tracers' spans; they end in reverse order of start. */
record BothSpan(List<Tracer.Span> spans) implements Tracer.Span {

    @Override
    public Tracer.Span attribute(String key, String value) {
        spans.forEach(s -> s.attribute(key, value));
        return this;
    }

    @Override
    public Tracer.Span attribute(String key, long value) {
        spans.forEach(s -> s.attribute(key, value));
        return this;
    }

    @Override
    public Tracer.Span attribute(String key, double value) {
        spans.forEach(s -> s.attribute(key, value));
        return this;
    }

    @Override
    public Tracer.Span attribute(String key, boolean value) {
        spans.forEach(s -> s.attribute(key, value));
        return this;
    }

    /** The first span's trace id that is known. */
    @Override
    public Optional<String> traceId() {
        return spans.stream()
                .map(Tracer.Span::traceId)
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public void end() {
        for (int i = spans.size() - 1; i >= 0; i--) {
            spans.get(i).end();
        }
    }
}
