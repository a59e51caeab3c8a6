package dev.verity.jdbc;

import dev.verity.conversation.Conversation;
import dev.verity.conversation.ConversationStore;
import dev.verity.conversation.Turn;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@link ConversationStore} on H2 or PostgreSQL. An append locks its conversation's row ({@code SELECT … FOR UPDATE})
 * before numbering the turn, so concurrent appends to one conversation queue and get consecutive numbers; the primary
 * key {@code (conversation_id, seq)} guarantees that no number is ever stored twice.
 */
public final class JdbcConversationStore implements ConversationStore {
    private static final String TURN_COLUMNS = "conversation_id, seq, question, standalone_question, condensed_by,"
            + " answer, trace_id, generator, created_at";

    private final DataSource dataSource;

    public JdbcConversationStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void create(Conversation conversation) {
        Sql.inTransaction(dataSource, "start conversation " + conversation.id(), c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO conversations (id, tenant, collection, principals, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, conversation.id());
                insert.setString(2, conversation.tenant());
                insert.setString(3, conversation.collection());
                insert.setString(4, String.join("\n", new TreeSet<>(conversation.principals())));
                insert.setTimestamp(5, Timestamp.from(conversation.createdAt()));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Conversation> find(String tenant, String conversationId) {
        return Sql.inTransaction(dataSource, "read conversation " + conversationId, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, tenant, collection, principals, created_at"
                    + " FROM conversations WHERE tenant = ? AND id = ?")) {
                select.setString(1, tenant);
                select.setString(2, conversationId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Conversation(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            principals(rs.getString(4)),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        });
    }

    @Override
    public Turn append(String conversationId, Turn.Draft draft) {
        return Sql.inTransaction(dataSource, "append to conversation " + conversationId, c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT id FROM conversations WHERE id = ? FOR UPDATE")) {
                lock.setString(1, conversationId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no conversation has the id " + conversationId);
                    }
                }
            }
            int seq;
            try (PreparedStatement next = c.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM conversation_turns WHERE conversation_id = ?")) {
                next.setString(1, conversationId);
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    seq = rs.getInt(1);
                }
            }
            Turn turn = draft.numbered(conversationId, seq);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO conversation_turns (" + TURN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, turn.conversationId());
                insert.setInt(2, turn.seq());
                insert.setString(3, turn.question());
                insert.setString(4, turn.standaloneQuestion());
                insert.setString(5, turn.condensedBy());
                insert.setString(6, turn.answer());
                insert.setString(7, turn.traceId());
                insert.setString(8, turn.generator());
                insert.setTimestamp(9, Timestamp.from(turn.createdAt()));
                insert.executeUpdate();
            }
            return turn;
        });
    }

    @Override
    public List<Turn> recent(String conversationId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        return Sql.inTransaction(dataSource, "read conversation " + conversationId, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + TURN_COLUMNS
                    + " FROM conversation_turns WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?")) {
                select.setString(1, conversationId);
                select.setInt(2, limit);
                List<Turn> turns = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        turns.add(new Turn(
                                rs.getString(1),
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getTimestamp(9).toInstant()));
                    }
                }
                return turns.reversed();
            }
        });
    }

    private static Set<String> principals(String stored) {
        return stored.isEmpty() ? Set.of() : Arrays.stream(stored.split("\n")).collect(Collectors.toSet());
    }
}
