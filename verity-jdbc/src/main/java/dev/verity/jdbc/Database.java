package dev.verity.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.verity.internal.OwnerOnly;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A connection pool on Verity's database, migrated to the current schema when opened. The same migrations
 * ({@code db/migration}) run on H2 and PostgreSQL.
 */
public final class Database implements AutoCloseable {
    private static final String H2_FILE = "jdbc:h2:file:";
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool and applies pending migrations. */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(1);
        config.setPoolName("verity-db");
        embeddedFolder(settings.url()).ifPresent(OwnerOnly::folder);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "cannot connect to the database at " + settings.url() + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new DatabaseUnavailableException(
                    "cannot migrate the database at " + settings.url() + ": " + rootMessage(e), e);
        }
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * The folder of an embedded H2 file database, made owner-only before H2 writes into it: H2's own files follow the
     * umask (usually {@code 0644}), so the folder is what keeps the catalogue private.
     */
    static Optional<Path> embeddedFolder(String url) {
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        String file = url.substring(H2_FILE.length());
        int flags = file.indexOf(';');
        Path path = Path.of(flags < 0 ? file : file.substring(0, flags));
        return Optional.ofNullable(path.toAbsolutePath().getParent());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
