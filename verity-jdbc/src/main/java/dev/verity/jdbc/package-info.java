/**
 * The stores on a relational database: H2 (embedded, in PostgreSQL mode) or PostgreSQL, one schema migrated by
 * Flyway, one implementation per seam ({@code JdbcDocumentStore}, {@code JdbcJobStore}, {@code JdbcConversationStore},
 * {@code JdbcIdempotencyStore}, {@code JdbcUsageLedger}, {@code JdbcEmbeddingCache}, {@code JdbcSyncState},
 * {@code JdbcRunStore}, {@code JdbcApiKeyStore}, {@code JdbcAuditLog}).
 *
 * <pre>{@code
 * try (Database db = Database.open(DatabaseSettings.embedded(dataDir.resolve("db")))) {
 *     DocumentStore documents = new JdbcDocumentStore(db.dataSource());
 * }
 * }</pre>
 *
 * <p>The trap: the two databases disagree on JSON ({@code ->>} exists only in PostgreSQL); JSON is stored as text here.
 * Every store runs its seam's contract suite on both databases.
 */
@NullMarked
package dev.verity.jdbc;

import org.jspecify.annotations.NullMarked;
