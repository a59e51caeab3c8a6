package dev.verity.jdbc;

import dev.verity.internal.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * @param url JDBC URL: {@code jdbc:h2:file:…} (embedded) or {@code jdbc:postgresql://…}
 * @param user database user
 * @param password database password (never logged)
 * @param maxPoolSize most connections kept open
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {
    /** H2 flags that make it accept the same SQL as PostgreSQL (see docs/adr). */
    static final String H2_POSTGRES_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public DatabaseSettings {
        Checks.nonBlank(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Checks.positive(maxPoolSize, "maxPoolSize");
    }

    /**
     * The embedded database in {@code folder}. {@code AUTO_SERVER} lets a second Verity process (a CLI command while
     * {@code verity serve} runs) share the file instead of failing on its lock. {@code WRITE_DELAY=0} writes every
     * commit to the file before the commit returns: H2 otherwise keeps commits in memory for up to half a second,
     * and a {@code kill -9} in that window loses data already reported as stored.
     */
    public static DatabaseSettings embedded(Path folder) {
        String file = folder.toAbsolutePath().resolve("verity").toString().replace('\\', '/');
        return new DatabaseSettings(
                "jdbc:h2:file:" + file + H2_POSTGRES_MODE + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "", 4);
    }

    /** An in-memory H2 database that lives as long as the JVM: for tests. */
    public static DatabaseSettings inMemory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + H2_POSTGRES_MODE + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=***, maxPoolSize=" + maxPoolSize + "]";
    }
}
