package dev.verity.jdbc;

import dev.verity.usage.UsageLedger;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link UsageLedger} in the database: increments in place (portable SQL: update, and insert when no line exists yet;
 * a concurrent first insert loses on the primary key and retries as an update).
 */
public final class JdbcUsageLedger implements UsageLedger {
    private final DataSource dataSource;

    public JdbcUsageLedger(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(Entry usage) {
        if (increment(usage) > 0) {
            return;
        }
        try {
            Sql.inTransaction(dataSource, "start a usage line", c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO usage_ledger (usage_day, tenant, caller, actor, collection, model, requests,"
                                + " input_tokens, output_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setDate(1, Date.valueOf(usage.day()));
                    insert.setString(2, usage.tenant());
                    insert.setString(3, usage.caller());
                    insert.setString(4, usage.actor());
                    insert.setString(5, usage.collection());
                    insert.setString(6, usage.model());
                    insert.setLong(7, usage.requests());
                    insert.setLong(8, usage.inputTokens());
                    insert.setLong(9, usage.outputTokens());
                    insert.setBigDecimal(10, BigDecimal.valueOf(usage.costUsd()));
                    return insert.executeUpdate();
                }
            });
        } catch (StorageException raced) {
            if (increment(usage) == 0) {
                throw raced;
            }
        }
    }

    private int increment(Entry usage) {
        return Sql.inTransaction(dataSource, "count usage", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE usage_ledger SET requests = requests + ?,"
                            + " input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, cost_usd = cost_usd + ?"
                            + " WHERE usage_day = ? AND tenant = ? AND caller = ? AND actor = ? AND collection = ? AND model = ?")) {
                update.setLong(1, usage.requests());
                update.setLong(2, usage.inputTokens());
                update.setLong(3, usage.outputTokens());
                update.setBigDecimal(4, BigDecimal.valueOf(usage.costUsd()));
                update.setDate(5, Date.valueOf(usage.day()));
                update.setString(6, usage.tenant());
                update.setString(7, usage.caller());
                update.setString(8, usage.actor());
                update.setString(9, usage.collection());
                update.setString(10, usage.model());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<Entry> between(String tenant, LocalDate from, LocalDate to) {
        return Sql.inTransaction(dataSource, "read usage", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT usage_day, tenant, caller, actor, collection, model,"
                            + " requests, input_tokens, output_tokens, cost_usd FROM usage_ledger"
                            + " WHERE tenant = ? AND usage_day >= ? AND usage_day <= ? ORDER BY usage_day, caller, actor, collection, model")) {
                select.setString(1, tenant);
                select.setDate(2, Date.valueOf(from));
                select.setDate(3, Date.valueOf(to));
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(
                                rs.getDate(1).toLocalDate(),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getBigDecimal(10).doubleValue()));
                    }
                }
                return entries;
            }
        });
    }
}
