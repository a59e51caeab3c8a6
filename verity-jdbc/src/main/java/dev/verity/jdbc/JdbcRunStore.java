package dev.verity.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.RunStore;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RunStore} in the database, table {@code answer_runs}: one row per run, citations and timings as JSON text
 * (with snake_case names of their own, so renaming a Java component never breaks stored rows). Recording a run id
 * that is already stored keeps the stored row: portable SQL (insert; a duplicate loses on the primary key and is
 * ignored). Writes wait on the database: wrap the store in {@code WriteBehindRunStore} on an answer's path.
 */
public final class JdbcRunStore implements RunStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<CitedJson>> CITATIONS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Long>> TIMINGS = new TypeReference<>() {};
    private static final String COLUMNS = "run_id, run_at, tenant, collection, principals, question, answer, abstained,"
            + " cached, generator, model, prompt, degraded_reason, refused_by, citations, input_tokens, output_tokens,"
            + " cost_usd, timings_ms";

    private final DataSource dataSource;

    public JdbcRunStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    record CitedJson(
            @JsonProperty("document_id") String documentId,
            @JsonProperty("chunk_id") String chunkId) {}

    @Override
    public void record(AnswerRun run) {
        Objects.requireNonNull(run, "run");
        try {
            Sql.inTransaction(dataSource, "record an answer run", c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_runs (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, run.runId());
                    insert.setTimestamp(2, Timestamp.from(run.at()));
                    insert.setString(3, run.tenant());
                    insert.setString(4, run.collection());
                    insert.setString(5, String.join("\n", run.principals()));
                    insert.setString(6, run.question());
                    insert.setString(7, run.answer());
                    insert.setBoolean(8, run.abstained());
                    insert.setBoolean(9, run.cached());
                    insert.setString(10, run.generator());
                    insert.setString(11, run.model().orElse(null));
                    insert.setString(12, run.prompt().orElse(null));
                    insert.setString(13, run.degradedReason().orElse(null));
                    insert.setString(14, run.refusedBy().orElse(null));
                    insert.setString(
                            15,
                            JSON.writeValueAsString(run.citations().stream()
                                    .map(cited -> new CitedJson(cited.documentId(), cited.chunkId()))
                                    .toList()));
                    insert.setLong(16, run.inputTokens());
                    insert.setLong(17, run.outputTokens());
                    insert.setBigDecimal(18, BigDecimal.valueOf(run.costUsd()));
                    insert.setString(19, JSON.writeValueAsString(run.timingsMs()));
                    return insert.executeUpdate();
                }
            });
        } catch (StorageException duplicate) {
            if (find(run.runId()).isEmpty()) {
                throw duplicate;
            }
        }
    }

    @Override
    public Optional<AnswerRun> find(String runId) {
        return Sql.inTransaction(dataSource, "read an answer run", c -> {
            try (PreparedStatement select =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM answer_runs WHERE run_id = ?")) {
                select.setString(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<AnswerRun> recent(String tenant, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        RunStore.checkLimit(limit);
        return Sql.inTransaction(dataSource, "list answer runs", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM answer_runs WHERE tenant = ?" + " ORDER BY run_at DESC, run_id DESC LIMIT ?")) {
                select.setString(1, tenant);
                select.setInt(2, limit);
                List<AnswerRun> runs = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        runs.add(run(rs));
                    }
                }
                return runs;
            }
        });
    }

    private static AnswerRun run(ResultSet rs) throws SQLException {
        String principals = rs.getString(5);
        List<AnswerRun.Cited> citations = JSON.readValue(rs.getString(15), CITATIONS).stream()
                .map(cited -> new AnswerRun.Cited(cited.documentId(), cited.chunkId()))
                .toList();
        Map<String, Long> timings = JSON.readValue(rs.getString(19), TIMINGS);
        return new AnswerRun(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                principals.isEmpty() ? List.of() : Arrays.asList(principals.split("\n")),
                rs.getString(6),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getBoolean(9),
                rs.getString(10),
                Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)),
                Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable(rs.getString(14)),
                citations,
                rs.getLong(16),
                rs.getLong(17),
                rs.getBigDecimal(18).doubleValue(),
                timings);
    }
}
