package dev.verity.testkit.contracts;

import dev.verity.observability.Tracer;

class NoopTracerTest extends TracerContract {

    @Override
    protected Tracer openTracer() {
        return Tracer.noop();
    }
}
