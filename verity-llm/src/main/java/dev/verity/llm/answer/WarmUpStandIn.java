package dev.verity.llm.answer;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentIds;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.internal.Hashing;
import dev.verity.retrieval.RetrievedChunk;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The model's stand-in for {@link LlmAnswerGenerator#warmUp}: in process, replying a canned answer in the answer
 * prompt's JSON, whole or in small deltas, that cites the one canned source. Nothing leaves the process.
 */
final class WarmUpStandIn implements LlmProvider {
    static final String QUESTION = "How long does the warm-up take?";
    private static final String TEXT = "The warm-up takes about one second.";
    private static final String REPLY = "{\"answer\": \"" + TEXT + " [S1]\", \"citations\": [{\"source\": \"S1\","
            + " \"quote\": \"" + TEXT + "\"}], \"abstain\": false, \"abstain_reason\": \"\"}";
    /** Small enough that the streamed answer field is cut mid-word and mid-escape, as a real stream is. */
    private static final int DELTA_CHARS = 7;

    private final String model;

    WarmUpStandIn(String model) {
        this.model = model;
    }

    /** One source saying what the canned reply quotes. */
    static List<RetrievedChunk> evidence() {
        DocumentInfo doc = new DocumentInfo(
                DocumentIds.documentId(DocumentIds.DEFAULT_TENANT, DocumentIds.DEFAULT_COLLECTION, "warm-up.txt"),
                1,
                DocumentIds.DEFAULT_COLLECTION,
                DocumentIds.DEFAULT_TENANT,
                Set.of(),
                "warm-up.txt",
                "Warm-up",
                "text/plain",
                "en",
                Hashing.sha256(TEXT),
                Instant.EPOCH);
        Chunk chunk = new Chunk(
                DocumentIds.chunkId(doc.id(), doc.version(), 0),
                doc,
                0,
                ChunkKind.PROSE,
                TEXT,
                doc.title(),
                new Location(1, 1, List.of(doc.title()), new Span(0, TEXT.length())),
                Hashing.sha256(Chunk.searchText(doc.title(), TEXT)),
                TEXT.split("\\s+").length);
        return List.of(new RetrievedChunk(chunk, 1.0, Map.of()));
    }

    @Override
    public String name() {
        return "warm-up";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return new ChatResponse(REPLY, model, new TokenUsage(0, 0, true), "stop");
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onDelta) {
        for (int i = 0; i < REPLY.length(); i += DELTA_CHARS) {
            onDelta.accept(REPLY.substring(i, Math.min(REPLY.length(), i + DELTA_CHARS)));
        }
        return chat(request);
    }
}
