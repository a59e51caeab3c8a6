package dev.verity.testkit.contracts;

import dev.verity.observability.RecordingTracer;
import dev.verity.observability.Tracer;

class BothTracersTest extends TracerContract {

    @Override
    protected Tracer openTracer() {
        return Tracer.both(new RecordingTracer(), new RecordingTracer());
    }
}
