package dev.verity.app.server;

import dev.verity.app.assembly.Verity;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready when the index can be searched and the database answers; reported as {@code verity} in health. */
@Component("verityHealthIndicator")
class VerityHealth implements HealthIndicator {
    private final Verity verity;

    VerityHealth(Verity verity) {
        this.verity = verity;
    }

    @Override
    public Health health() {
        try {
            Verity.Readiness readiness = verity.readiness();
            Health.Builder builder = readiness.databaseUp() ? Health.up() : Health.down();
            return builder.withDetail("chunks", readiness.chunks())
                    .withDetail("database", readiness.databaseUp() ? "up" : "down")
                    .build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
