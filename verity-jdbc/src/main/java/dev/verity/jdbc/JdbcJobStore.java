package dev.verity.jdbc;

import dev.verity.catalog.DocumentRecord;
import dev.verity.document.DocumentIds;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.jobs.BatchStatus;
import dev.verity.ingestion.jobs.Completion;
import dev.verity.ingestion.jobs.Job;
import dev.verity.ingestion.jobs.JobStatus;
import dev.verity.ingestion.jobs.JobStore;
import dev.verity.ingestion.jobs.NewJob;
import dev.verity.ingestion.parsing.Rejection;
import dev.verity.ingestion.parsing.RejectionReason;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link JobStore} on H2 or PostgreSQL, in portable SQL: jobs are taken with {@code SELECT … FOR UPDATE SKIP LOCKED},
 * so several workers (threads or replicas) never take the same job, and a job's completion and its document's
 * catalogue record are written in one transaction.
 */
public final class JdbcJobStore implements JobStore {
    private static final int MAX_DETAIL = 4000;
    private static final SecureRandom IDS = new SecureRandom();
    private static final String TERMINAL = "('indexed', 'unchanged', 'rejected', 'quarantined')";
    private static final String JOB_COLUMNS = "j.id, j.batch_id, j.seq, j.source, j.document_id, b.tenant,"
            + " b.collection, b.acl, j.blob_sha256, j.size_bytes, j.status, j.attempts, j.leases, j.reason, j.detail,"
            + " j.chunks, j.version, j.created_at, j.finished_at, j.embedded, j.keyword_searchable_at,"
            + " j.vector_searchable_at";
    private static final String BATCH_COLUMNS = "b.id, b.tenant, b.collection, b.created_at, COUNT(j.id),"
            + " SUM(CASE WHEN j.status = 'queued' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN j.status = 'running' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN j.status = 'indexed' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN j.status = 'unchanged' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN j.status = 'rejected' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN j.status = 'quarantined' THEN 1 ELSE 0 END),"
            + " COALESCE(SUM(j.size_bytes), 0),"
            + " COALESCE(SUM(CASE WHEN j.status IN " + TERMINAL + " THEN j.size_bytes ELSE 0 END), 0),"
            + " MAX(j.finished_at)"
            + " FROM ingest_batches b LEFT JOIN ingest_jobs j ON j.batch_id = b.id";
    private static final String BATCH_GROUP = " GROUP BY b.id, b.tenant, b.collection, b.created_at";

    private final DataSource dataSource;

    public JdbcJobStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public BatchStatus submit(IngestOptions options, List<NewJob> jobs, Instant now) {
        String batchId = newId("b_");
        Sql.inTransaction(dataSource, "queue " + jobs.size() + " file(s)", c -> {
            try (PreparedStatement batch = c.prepareStatement(
                    "INSERT INTO ingest_batches (id, tenant, collection, acl, created_at) VALUES (?, ?, ?, ?, ?)")) {
                batch.setString(1, batchId);
                batch.setString(2, options.tenant());
                batch.setString(3, options.collection());
                batch.setString(4, String.join("\n", options.acl()));
                batch.setTimestamp(5, Timestamp.from(now));
                batch.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ingest_jobs (id, batch_id, seq, source,"
                    + " document_id, blob_sha256, size_bytes, status, not_before, reason, detail, created_at,"
                    + " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < jobs.size(); i++) {
                    NewJob job = jobs.get(i);
                    insert.setString(1, newId("j_"));
                    insert.setString(2, batchId);
                    insert.setInt(3, i);
                    insert.setString(4, job.source());
                    insert.setString(5, DocumentIds.documentId(options.tenant(), options.collection(), job.source()));
                    insert.setString(6, job.blobSha256().orElse(null));
                    insert.setLong(7, job.sizeBytes());
                    insert.setString(8, (job.rejected().isPresent() ? JobStatus.REJECTED : JobStatus.QUEUED).code());
                    insert.setTimestamp(9, Timestamp.from(now));
                    insert.setString(
                            10, job.rejected().map(r -> r.reason().code()).orElse(null));
                    insert.setString(
                            11, job.rejected().map(r -> clip(r.detail())).orElse(null));
                    insert.setTimestamp(12, Timestamp.from(now));
                    if (job.rejected().isPresent()) {
                        insert.setTimestamp(13, Timestamp.from(now));
                    } else {
                        insert.setNull(13, Types.TIMESTAMP_WITH_TIMEZONE);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        return batch(batchId).orElseThrow();
    }

    @Override
    public List<Job> lease(String worker, int max, Instant now, Duration lease) {
        if (max <= 0) {
            return List.of();
        }
        List<String> taken = Sql.inTransaction(dataSource, "take ingestion jobs", c -> {
            List<String[]> candidates = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, document_id FROM ingest_jobs"
                    + " WHERE (status = 'queued' AND not_before <= ?) OR (status = 'running' AND lease_until < ?)"
                    + " ORDER BY created_at, batch_id, seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setTimestamp(2, Timestamp.from(now));
                select.setInt(3, max * 4);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.<String>of();
            }
            Set<String> busy = new HashSet<>();
            try (PreparedStatement running = c.prepareStatement(
                    "SELECT DISTINCT document_id FROM ingest_jobs WHERE status = 'running' AND lease_until >= ?")) {
                running.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = running.executeQuery()) {
                    while (rs.next()) {
                        busy.add(rs.getString(1));
                    }
                }
            }
            List<String> chosen = new ArrayList<>();
            for (String[] candidate : candidates) {
                if (chosen.size() < max && busy.add(candidate[1])) { // one job per document at a time
                    chosen.add(candidate[0]);
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET status = 'running',"
                    + " lease_owner = ?, lease_until = ?, leases = leases + 1 WHERE id = ?")) {
                for (String id : chosen) {
                    update.setString(1, worker);
                    update.setTimestamp(2, Timestamp.from(now.plus(lease)));
                    update.setString(3, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return chosen;
        });
        return taken.isEmpty() ? List.of() : select("j.id IN (" + placeholders(taken.size()) + ")", taken);
    }

    @Override
    public void extend(String worker, Collection<String> jobIds, Instant until) {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(worker);
        args.addAll(jobIds);
        Sql.inTransaction(dataSource, "renew ingestion leases", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET lease_until = ?"
                    + " WHERE status = 'running' AND lease_owner = ? AND id IN (" + placeholders(jobIds.size())
                    + ")")) {
                update.setTimestamp(1, Timestamp.from(until));
                for (int i = 0; i < args.size(); i++) {
                    update.setString(i + 2, args.get(i));
                }
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Set<String> complete(String worker, List<Completion> completions, Instant now) {
        if (completions.isEmpty()) {
            return Set.of();
        }
        return Sql.inTransaction(dataSource, "record " + completions.size() + " finished ingestion job(s)", c -> {
            Set<String> completed = new LinkedHashSet<>();
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE ingest_jobs SET status = ?, reason = ?,"
                            + " detail = ?, chunks = ?, version = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL,"
                            + " embedded = ?, keyword_searchable_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ?")) {
                for (Completion completion : completions) {
                    IngestResult result = completion.result();
                    update.setString(1, status(result.status()).code());
                    update.setString(
                            2, result.rejection().map(r -> r.reason().code()).orElse(null));
                    update.setString(
                            3, result.rejection().map(r -> clip(r.detail())).orElse(null));
                    update.setInt(4, result.chunks());
                    update.setInt(5, result.version());
                    update.setTimestamp(6, Timestamp.from(now));
                    update.setInt(7, result.embedded());
                    boolean searchable =
                            result.status() == IngestStatus.INDEXED || result.status() == IngestStatus.UNCHANGED;
                    update.setTimestamp(8, searchable ? Timestamp.from(now) : null);
                    update.setString(9, completion.jobId());
                    update.setString(10, worker);
                    if (update.executeUpdate() == 1) {
                        completed.add(completion.jobId());
                        if (completion.document().isPresent()) {
                            JdbcDocumentStore.upsert(c, completion.document().get());
                        }
                        for (DocumentRecord child : completion.embedded()) {
                            JdbcDocumentStore.upsert(c, child);
                        }
                        for (String gone : completion.removed()) {
                            JdbcDocumentStore.delete(c, gone);
                        }
                    }
                }
            }
            return completed;
        });
    }

    @Override
    public void markVectorSearchable(Collection<String> documentIds, Instant at) {
        if (documentIds.isEmpty()) {
            return;
        }
        Sql.inTransaction(dataSource, "record " + documentIds.size() + " document(s) as vector-searchable", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET vector_searchable_at = ?"
                    + " WHERE document_id = ? AND status IN ('indexed', 'unchanged')"
                    + " AND vector_searchable_at IS NULL")) {
                for (String documentId : documentIds) {
                    update.setTimestamp(1, Timestamp.from(at));
                    update.setString(2, documentId);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void retryLater(String worker, String jobId, Rejection cause, Instant notBefore) {
        Sql.inTransaction(dataSource, "put job " + jobId + " back in the queue", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET status = 'queued',"
                    + " attempts = attempts + 1, not_before = ?, reason = ?, detail = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND status = 'running' AND lease_owner = ?")) {
                update.setTimestamp(1, Timestamp.from(notBefore));
                update.setString(2, cause.reason().code());
                update.setString(3, clip(cause.detail()));
                update.setString(4, jobId);
                update.setString(5, worker);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void quarantine(String worker, String jobId, Rejection cause, Instant now) {
        Sql.inTransaction(dataSource, "quarantine job " + jobId, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET status = 'quarantined',"
                    + " attempts = attempts + 1, reason = ?, detail = ?, finished_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND status = 'running' AND lease_owner = ?")) {
                update.setString(1, cause.reason().code());
                update.setString(2, clip(cause.detail()));
                update.setTimestamp(3, Timestamp.from(now));
                update.setString(4, jobId);
                update.setString(5, worker);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public int requeueRunning() {
        return Sql.inTransaction(dataSource, "take back running ingestion jobs", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET status = 'queued',"
                    + " lease_owner = NULL, lease_until = NULL WHERE status = 'running'")) {
                return update.executeUpdate();
            }
        });
    }

    @Override
    public int retry(String tenant, String id, Instant now) {
        String column = id.startsWith("b_") ? "batch_id" : "id";
        return Sql.inTransaction(dataSource, "retry " + id, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ingest_jobs SET status = 'queued',"
                    + " attempts = 0, leases = 0, not_before = ?, finished_at = NULL"
                    + " WHERE " + column + " = ? AND status = 'quarantined'"
                    + " AND batch_id IN (SELECT id FROM ingest_batches WHERE tenant = ?)")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, id);
                update.setString(3, tenant);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<BatchStatus> batch(String batchId) {
        return Sql.inTransaction(dataSource, "read ingestion batch " + batchId, c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + BATCH_COLUMNS + " WHERE b.id = ?" + BATCH_GROUP)) {
                select.setString(1, batchId);
                List<BatchStatus> found = readBatches(select);
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public Optional<BatchStatus> batch(String tenant, String batchId) {
        return Sql.inTransaction(dataSource, "read ingestion batch " + batchId, c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + BATCH_COLUMNS + " WHERE b.tenant = ? AND b.id = ?" + BATCH_GROUP)) {
                select.setString(1, tenant);
                select.setString(2, batchId);
                return readBatches(select).stream().findFirst();
            }
        });
    }

    @Override
    public List<BatchStatus> batches(String tenant, int limit) {
        return Sql.inTransaction(dataSource, "list ingestion batches", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + BATCH_COLUMNS + " WHERE b.tenant = ?"
                    + BATCH_GROUP + " ORDER BY b.created_at DESC, b.id LIMIT ?")) {
                select.setString(1, tenant);
                select.setInt(2, limit);
                return readBatches(select);
            }
        });
    }

    @Override
    public List<Job> jobs(String tenant, String batchId) {
        return select("b.tenant = ? AND j.batch_id = ?", List.of(tenant, batchId));
    }

    @Override
    public Optional<Job> job(String tenant, String jobId) {
        return select("b.tenant = ? AND j.id = ?", List.of(tenant, jobId)).stream()
                .findFirst();
    }

    @Override
    public List<BatchStatus> batches(int limit) {
        return Sql.inTransaction(dataSource, "list ingestion batches", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + BATCH_COLUMNS + BATCH_GROUP + " ORDER BY b.created_at DESC, b.id LIMIT ?")) {
                select.setInt(1, limit);
                return readBatches(select);
            }
        });
    }

    @Override
    public Map<JobStatus, Long> countByStatus() {
        return Sql.inTransaction(dataSource, "count ingestion jobs by status", c -> {
            Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
            for (JobStatus status : JobStatus.values()) {
                counts.put(status, 0L);
            }
            try (PreparedStatement select =
                            c.prepareStatement("SELECT status, COUNT(*) FROM ingest_jobs GROUP BY status");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(JobStatus.ofCode(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public List<Job> jobs(String batchId) {
        return select("j.batch_id = ?", List.of(batchId));
    }

    @Override
    public Optional<Job> job(String jobId) {
        return select("j.id = ?", List.of(jobId)).stream().findFirst();
    }

    @Override
    public Set<String> unreferenced(Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return Set.of();
        }
        return Sql.inTransaction(dataSource, "find unused originals", c -> {
            Set<String> unused = new LinkedHashSet<>();
            try (PreparedStatement documents =
                            c.prepareStatement("SELECT COUNT(*) FROM documents WHERE content_sha256 = ?");
                    PreparedStatement jobs = c.prepareStatement("SELECT COUNT(*) FROM ingest_jobs WHERE blob_sha256 = ?"
                            + " AND status IN ('queued', 'running', 'quarantined')")) {
                for (String sha : sha256s) {
                    if (count(documents, sha) == 0 && count(jobs, sha) == 0) {
                        unused.add(sha);
                    }
                }
            }
            return unused;
        });
    }

    @Override
    public Set<String> referenced() {
        return Sql.inTransaction(dataSource, "list needed originals", c -> {
            Set<String> needed = new HashSet<>();
            try (PreparedStatement select = c.prepareStatement("SELECT content_sha256 FROM documents UNION"
                            + " SELECT blob_sha256 FROM ingest_jobs WHERE blob_sha256 IS NOT NULL"
                            + " AND status IN ('queued', 'running', 'quarantined')");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    needed.add(rs.getString(1));
                }
            }
            return needed;
        });
    }

    private static long count(PreparedStatement statement, String arg) throws SQLException {
        statement.setString(1, arg);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Job> select(String where, List<String> args) {
        return Sql.inTransaction(dataSource, "read ingestion jobs", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + JOB_COLUMNS
                    + " FROM ingest_jobs j JOIN ingest_batches b ON b.id = j.batch_id WHERE " + where
                    + " ORDER BY j.created_at, j.batch_id, j.seq")) {
                for (int i = 0; i < args.size(); i++) {
                    select.setString(i + 1, args.get(i));
                }
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(readJob(rs));
                    }
                }
                return jobs;
            }
        });
    }

    private static Job readJob(ResultSet rs) throws SQLException {
        String acl = rs.getString(8);
        IngestOptions options =
                new IngestOptions(rs.getString(6), rs.getString(7), acl.isEmpty() ? Set.of() : Set.of(acl.split("\n")));
        String code = rs.getString(14);
        String detail = rs.getString(15);
        Optional<Rejection> rejection = code == null
                ? Optional.empty()
                : Optional.of(new Rejection(reason(code), detail == null || detail.isBlank() ? code : detail));
        Timestamp finished = rs.getTimestamp(19);
        return new Job(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                options,
                Optional.ofNullable(rs.getString(9)),
                rs.getLong(10),
                JobStatus.ofCode(rs.getString(11)),
                rs.getInt(12),
                rs.getInt(13),
                rejection,
                rs.getInt(16),
                rs.getInt(17),
                rs.getTimestamp(18).toInstant(),
                Optional.ofNullable(finished).map(Timestamp::toInstant),
                rs.getInt(20),
                Optional.ofNullable(rs.getTimestamp(21)).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp(22)).map(Timestamp::toInstant));
    }

    private static List<BatchStatus> readBatches(PreparedStatement select) throws SQLException {
        List<BatchStatus> batches = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                int total = rs.getInt(5);
                int done = rs.getInt(8) + rs.getInt(9) + rs.getInt(10) + rs.getInt(11);
                Timestamp last = rs.getTimestamp(14);
                Optional<Instant> finishedAt = done == total
                        ? Optional.of(last == null ? rs.getTimestamp(4).toInstant() : last.toInstant())
                        : Optional.empty();
                batches.add(new BatchStatus(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        total,
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10),
                        rs.getInt(11),
                        rs.getLong(12),
                        rs.getLong(13),
                        finishedAt));
            }
        }
        return batches;
    }

    private static RejectionReason reason(String code) {
        try {
            return RejectionReason.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return RejectionReason.FAILED; // written by a newer version of Verity
        }
    }

    private static JobStatus status(IngestStatus status) {
        return switch (status) {
            case INDEXED -> JobStatus.INDEXED;
            case UNCHANGED -> JobStatus.UNCHANGED;
            case REJECTED -> JobStatus.REJECTED;
            case QUARANTINED -> JobStatus.QUARANTINED;
        };
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String clip(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static String newId(String prefix) {
        byte[] bytes = new byte[10];
        IDS.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
