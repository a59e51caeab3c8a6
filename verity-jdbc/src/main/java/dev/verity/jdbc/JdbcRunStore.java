package dev.verity.jdbc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.runs.AnswerRun;
import dev.verity.runs.Feedback;
import dev.verity.runs.RunDetail;
import dev.verity.runs.RunQuery;
import dev.verity.runs.RunStore;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RunStore} in the database, table {@code answer_runs}: one row per run; what is filtered on in columns
 * (tenant, actor, time, outcome, rating), citations, timings, detail and feedback as JSON text (with snake_case names
 * of their own, so renaming a Java component never breaks stored rows). Recording a run id that is already stored
 * keeps the stored row: portable SQL (insert; a duplicate loses on the primary key and is ignored). Writes wait on the
 * database: wrap the store in {@code WriteBehindRunStore} on an answer's path.
 */
public final class JdbcRunStore implements RunStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<CitedJson>> CITATIONS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Long>> TIMINGS = new TypeReference<>() {};
    private static final String COLUMNS = "run_id, run_at, tenant, collection, principals, question, answer, abstained,"
            + " cached, generator, model, prompt, degraded_reason, refused_by, citations, input_tokens, output_tokens,"
            + " cost_usd, timings_ms, actor, outcome, detail, feedback, rating";

    private final DataSource dataSource;

    public JdbcRunStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    record CitedJson(
            @JsonProperty("document_id") String documentId,
            @JsonProperty("chunk_id") String chunkId) {}

    record DetailJson(
            @JsonProperty("filters") @Nullable FiltersJson filters,
            @JsonProperty("evidence") @Nullable List<EvidenceJson> evidence,
            @JsonProperty("route") @Nullable RouteJson route,
            @JsonProperty("attempts") @Nullable List<AttemptJson> attempts,
            @JsonProperty("guards") @Nullable List<GuardJson> guards) {}

    record FiltersJson(
            @JsonProperty("sources") List<String> sources,
            @JsonProperty("media_types") List<String> mediaTypes,
            @JsonProperty("languages") List<String> languages,
            @JsonProperty("ingested_from") @Nullable String ingestedFrom,
            @JsonProperty("ingested_to") @Nullable String ingestedTo) {}

    record EvidenceJson(
            @JsonProperty("chunk_id") String chunkId,
            @JsonProperty("document_id") String documentId,
            @JsonProperty("score") double score,
            @JsonProperty("legs") Map<String, LegJson> legs) {}

    record LegJson(
            @JsonProperty("rank") int rank,
            @JsonProperty("score") double score) {}

    record RouteJson(
            @JsonProperty("tier") String tier,
            @JsonProperty("score") double score,
            @JsonProperty("signals") List<String> signals) {}

    record AttemptJson(
            @JsonProperty("attempt") int attempt,
            @JsonProperty("provider") String provider,
            @JsonProperty("model") String model,
            @JsonProperty("result") String result,
            @JsonProperty("ms") long ms,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens) {}

    record GuardJson(
            @JsonProperty("step") String step,
            @JsonProperty("guard") String guard,
            @JsonProperty("action") String action,
            @JsonProperty("labels") List<String> labels) {}

    record FeedbackJson(
            @JsonProperty("rating") String rating,
            @JsonProperty("comment") @Nullable String comment,
            @JsonProperty("actor") String actor,
            @JsonProperty("at") String at) {}

    @Override
    public void record(AnswerRun run) {
        Objects.requireNonNull(run, "run");
        try {
            Sql.inTransaction(dataSource, "record an answer run", c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_runs (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                    insert.setString(20, run.actor());
                    insert.setString(21, run.outcome());
                    insert.setString(22, JSON.writeValueAsString(detailJson(run.detail())));
                    insert.setString(
                            23,
                            run.feedback()
                                    .map(f -> JSON.writeValueAsString(feedbackJson(f)))
                                    .orElse(null));
                    insert.setString(
                            24, run.feedback().map(f -> f.rating().code()).orElse(null));
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
    public List<AnswerRun> list(RunQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM answer_runs WHERE tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.tenant());
        query.actor().ifPresent(a -> {
            sql.append(" AND actor = ?");
            args.add(a);
        });
        query.outcome().ifPresent(o -> {
            sql.append(" AND outcome = ?");
            args.add(o);
        });
        query.rating().ifPresent(r -> {
            sql.append(" AND rating = ?");
            args.add(r.code());
        });
        query.since().ifPresent(s -> {
            sql.append(" AND run_at >= ?");
            args.add(Timestamp.from(s));
        });
        sql.append(" ORDER BY run_at DESC, run_id DESC LIMIT ?");
        args.add(query.limit());
        return Sql.inTransaction(dataSource, "list answer runs", c -> {
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    select.setObject(i + 1, args.get(i));
                }
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

    @Override
    public Optional<AnswerRun> feedback(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        int updated = Sql.inTransaction(dataSource, "store feedback on an answer run", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE answer_runs SET feedback = ?, rating = ? WHERE run_id = ? AND tenant = ?")) {
                update.setString(1, JSON.writeValueAsString(feedbackJson(feedback)));
                update.setString(2, feedback.rating().code());
                update.setString(3, feedback.traceId());
                update.setString(4, feedback.tenant());
                return update.executeUpdate();
            }
        });
        return updated == 0 ? Optional.empty() : find(feedback.traceId());
    }

    @Override
    public int purge(Instant before) {
        Objects.requireNonNull(before, "before");
        return Sql.inTransaction(dataSource, "purge old answer runs", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM answer_runs WHERE run_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                return delete.executeUpdate();
            }
        });
    }

    private static AnswerRun run(ResultSet rs) throws SQLException {
        String principals = rs.getString(5);
        List<AnswerRun.Cited> citations = JSON.readValue(rs.getString(15), CITATIONS).stream()
                .map(cited -> new AnswerRun.Cited(cited.documentId(), cited.chunkId()))
                .toList();
        Map<String, Long> timings = JSON.readValue(rs.getString(19), TIMINGS);
        String tenant = rs.getString(3);
        String feedback = rs.getString(23);
        return new AnswerRun(
                rs.getString(1),
                rs.getTimestamp(2).toInstant(),
                tenant,
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
                timings,
                rs.getString(20),
                rs.getString(21),
                detail(JSON.readValue(rs.getString(22), DetailJson.class)),
                feedback == null
                        ? Optional.empty()
                        : Optional.of(feedback(rs.getString(1), tenant, JSON.readValue(feedback, FeedbackJson.class))));
    }

    private static DetailJson detailJson(RunDetail d) {
        RunDetail.Filters f = d.filters();
        return new DetailJson(
                new FiltersJson(
                        f.sources(),
                        f.mediaTypes(),
                        f.languages(),
                        f.ingestedFrom().map(Instant::toString).orElse(null),
                        f.ingestedTo().map(Instant::toString).orElse(null)),
                d.evidence().stream()
                        .map(e -> {
                            Map<String, LegJson> legs = new LinkedHashMap<>();
                            e.legs().forEach((name, leg) -> legs.put(name, new LegJson(leg.rank(), leg.score())));
                            return new EvidenceJson(e.chunkId(), e.documentId(), e.score(), legs);
                        })
                        .toList(),
                d.route()
                        .map(r -> new RouteJson(r.tier(), r.score(), r.signals()))
                        .orElse(null),
                d.attempts().stream()
                        .map(a -> new AttemptJson(
                                a.attempt(),
                                a.provider(),
                                a.model(),
                                a.result(),
                                a.ms(),
                                a.inputTokens(),
                                a.outputTokens()))
                        .toList(),
                d.guards().stream()
                        .map(g -> new GuardJson(g.step(), g.guard(), g.action(), g.labels()))
                        .toList());
    }

    private static RunDetail detail(DetailJson d) {
        FiltersJson f = d.filters();
        RunDetail.Filters filters = f == null
                ? RunDetail.Filters.NONE
                : new RunDetail.Filters(
                        f.sources(),
                        f.mediaTypes(),
                        f.languages(),
                        Optional.ofNullable(f.ingestedFrom()).map(Instant::parse),
                        Optional.ofNullable(f.ingestedTo()).map(Instant::parse));
        List<RunDetail.Evidence> evidence = d.evidence() == null
                ? List.of()
                : d.evidence().stream()
                        .map(e -> {
                            Map<String, RunDetail.Leg> legs = new LinkedHashMap<>();
                            e.legs().forEach((name, leg) -> legs.put(name, new RunDetail.Leg(leg.rank(), leg.score())));
                            return new RunDetail.Evidence(e.chunkId(), e.documentId(), e.score(), legs);
                        })
                        .toList();
        RouteJson route = d.route();
        List<RunDetail.Attempt> attempts = d.attempts() == null
                ? List.of()
                : d.attempts().stream()
                        .map(a -> new RunDetail.Attempt(
                                a.attempt(),
                                a.provider(),
                                a.model(),
                                a.result(),
                                a.ms(),
                                a.inputTokens(),
                                a.outputTokens()))
                        .toList();
        List<RunDetail.GuardCheck> guards = d.guards() == null
                ? List.of()
                : d.guards().stream()
                        .map(g -> new RunDetail.GuardCheck(g.step(), g.guard(), g.action(), g.labels()))
                        .toList();
        return new RunDetail(
                filters,
                evidence,
                route == null
                        ? Optional.empty()
                        : Optional.of(new RunDetail.RouteTaken(route.tier(), route.score(), route.signals())),
                attempts,
                guards);
    }

    private static FeedbackJson feedbackJson(Feedback f) {
        return new FeedbackJson(f.rating().code(), f.comment().orElse(null), f.actor(), f.at().toString());
    }

    private static Feedback feedback(String runId, String tenant, FeedbackJson f) {
        return new Feedback(
                runId,
                Feedback.Rating.parse(f.rating()),
                Optional.ofNullable(f.comment()),
                tenant,
                f.actor(),
                Instant.parse(f.at()));
    }
}
