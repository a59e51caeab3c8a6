package dev.verity.app.server;

import dev.verity.app.Verity;
import java.sql.Connection;
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
        try (Connection connection = verity.database().dataSource().getConnection()) {
            boolean dbOk = connection.isValid(2);
            long chunks = verity.index().chunkCount();
            Health.Builder builder = dbOk ? Health.up() : Health.down();
            return builder.withDetail("chunks", chunks).withDetail("database", dbOk ? "up" : "down").build();
        } catch (Exception e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
