package dev.verity.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingConfigTest {

    @Test
    void tracingIsOffWithoutAnEndpoint() {
        assertThat(TracingConfig.from(Map.of()).enabled()).isFalse();
        assertThat(TracingConfig.from(Map.of("OTEL_SERVICE_NAME", "rag")).enabled())
                .isFalse();
    }

    @Test
    void anEndpointTurnsItOnWithVerityDefaults() {
        TracingConfig config = TracingConfig.from(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));

        assertThat(config.enabled()).isTrue();
        assertThat(config.properties())
                .containsEntry("otel.exporter.otlp.endpoint", "http://collector:4318")
                .containsEntry("otel.service.name", "verity")
                .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
                .containsEntry("otel.traces.exporter", "otlp")
                .containsEntry("otel.metrics.exporter", "none")
                .containsEntry("otel.logs.exporter", "none");
    }

    @Test
    void theStandardVariablesOverrideTheDefaults() {
        TracingConfig config = TracingConfig.from(Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces",
                "OTEL_SERVICE_NAME", "verity-eu",
                "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic abc"));

        assertThat(config.properties())
                .containsEntry("otel.service.name", "verity-eu")
                .containsEntry("otel.traces.sampler", "parentbased_traceidratio")
                .containsEntry("otel.exporter.otlp.headers", "Authorization=Basic abc")
                .containsEntry("otel.exporter.otlp.traces.endpoint", "http://tempo:4318/v1/traces");
    }

    @Test
    void theOtlpExporterAloneTurnsItOnAndDisablingTheSdkTurnsItOff() {
        assertThat(TracingConfig.from(Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled())
                .isTrue();
        assertThat(TracingConfig.from(
                                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED", "true"))
                        .enabled())
                .isFalse();
        assertThat(TracingConfig.from(
                                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_TRACES_EXPORTER", "none"))
                        .enabled())
                .isFalse();
    }

    @Test
    void grpcIsRefusedWithWhatToSetInstead() {
        assertThatThrownBy(() -> TracingConfig.from(
                        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: Verity exports over http/protobuf only"
                        + " (a collector's port 4318); set http/protobuf or leave it unset");
    }

    @Test
    void anotherExporterIsRefused() {
        assertThatThrownBy(() -> TracingConfig.from(Map.of("OTEL_TRACES_EXPORTER", "zipkin")))
                .hasMessageStartingWith("OTEL_TRACES_EXPORTER=zipkin is not supported");
    }

    @Test
    void contentIsOffUnlessAsked() {
        assertThat(TracingConfig.from(Map.of()).content()).isFalse();
        assertThat(TracingConfig.from(Map.of("VERITY_TRACE_CONTENT", "true")).content())
                .isTrue();
    }
}
