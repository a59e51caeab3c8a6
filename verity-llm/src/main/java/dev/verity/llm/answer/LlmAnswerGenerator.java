package dev.verity.llm.answer;

import dev.verity.document.Chunk;
import dev.verity.embedding.TokenCounter;
import dev.verity.generation.answer.Answer;
import dev.verity.generation.answer.AnswerGenerator;
import dev.verity.generation.answer.AnswerListener;
import dev.verity.generation.answer.Citation;
import dev.verity.generation.answer.Generation;
import dev.verity.generation.answer.GenerationException;
import dev.verity.generation.answer.QuoteLocator;
import dev.verity.generation.prompt.Prompt;
import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.LlmProvider;
import dev.verity.generation.provider.PriceTable;
import dev.verity.generation.provider.ProviderException;
import dev.verity.generation.provider.TokenUsage;
import dev.verity.observability.StepTimings;
import dev.verity.retrieval.RetrievedChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers with a language model, grounded in the retrieved chunks and never trusted blindly.
 *
 * <ol>
 *   <li>The best chunks, within a token budget, become numbered sources ({@code S1}, {@code S2}…) in the user message,
 *       fenced as untrusted data; the system message (the prompt's, verbatim) stays privileged.
 *   <li>The model must reply with JSON matching {@link AnswerJson#SCHEMA}, sent as the provider's structured-output
 *       format where it has one.
 *   <li>The reply is validated. An invalid reply gets one repair attempt (the model sees its reply and the problem);
 *       a second invalid reply fails with {@code invalid_output}.
 *   <li>Citations naming a source that was not in the context are dropped and counted. Quotes are located in their
 *       chunk ({@link QuoteLocator}) so the citation shows the document's own words; unlocatable quotes are dropped.
 *   <li>An answer left without a verifiable citation fails with {@code uncited_answer}: unsupported model text is
 *       never returned. An abstention is returned as one.
 * </ol>
 *
 * Failures are exceptions ({@link dev.verity.generation.provider.ProviderException}, {@link GenerationException}) so
 * that a {@link dev.verity.generation.answer.FallbackAnswerGenerator} can take over.
 */
public final class LlmAnswerGenerator implements AnswerGenerator {
    private final LlmProvider provider;
    private final Prompt prompt;
    private final TokenCounter tokens;
    private final LlmAnswerSettings settings;
    private final PriceTable prices;

    public LlmAnswerGenerator(LlmProvider provider, Prompt prompt, TokenCounter tokens, LlmAnswerSettings settings,
            PriceTable prices) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public LlmAnswerGenerator(LlmProvider provider, Prompt prompt, TokenCounter tokens, LlmAnswerSettings settings) {
        this(provider, prompt, tokens, settings, PriceTable.EMPTY);
    }

    @Override
    public Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings) {
        return answer(question, evidence, timings, null);
    }

    /**
     * Streams the {@code answer} field of the model's JSON reply to the listener as it arrives. If the final answer
     * differs from what was streamed (a repaired reply, an abstention), the listener is reset and given the final
     * text.
     */
    @Override
    public Answer generate(String question, List<RetrievedChunk> evidence, StepTimings timings,
            AnswerListener listener) {
        AnswerFieldStream field = new AnswerFieldStream();
        Answer answer = answer(question, evidence, timings, new Streaming(listener, field));
        if (!field.emitted().equals(answer.text())) {
            if (!field.emitted().isEmpty()) {
                listener.onReset();
            }
            listener.onDelta(answer.text());
        }
        return answer;
    }

    /** Where a streamed reply's answer text goes; null when not streaming. */
    private record Streaming(AnswerListener listener, AnswerFieldStream field) {}

    private ChatResponse firstCall(ChatRequest request, Streaming streaming) {
        if (streaming == null) {
            return provider.chat(request);
        }
        return provider.stream(request, chunk -> {
            String delta = streaming.field().feed(chunk);
            if (!delta.isEmpty()) {
                streaming.listener().onDelta(delta);
            }
        });
    }

    private Answer answer(String question, List<RetrievedChunk> evidence, StepTimings timings, Streaming streaming) {
        Generation generation = Generation.llm(settings.model(), prompt.ref(), TokenUsage.NONE);
        if (evidence.isEmpty()) {
            return Answer.abstain(Answer.NO_EVIDENCE_MESSAGE, 0, List.of()).withGeneration(generation);
        }
        Map<String, Chunk> sources = sources(evidence);
        List<ChatMessage> messages = new ArrayList<>(List.of(
                ChatMessage.system(prompt.system()),
                ChatMessage.user(prompt.renderUser(Map.of("sources", SourceBlock.render(sources), "question", question)))));
        ChatResponse response = timings.time("llm", () -> firstCall(request(messages), streaming));
        TokenUsage usage = response.usage();
        AnswerJson reply;
        try {
            reply = AnswerJson.parse(response.text());
        } catch (AnswerJson.InvalidAnswerException first) {
            messages.add(ChatMessage.assistant(response.text()));
            messages.add(ChatMessage.user("That reply was not valid: " + first.getMessage()
                    + ". Reply again with only the JSON object described in the instructions."));
            ChatResponse repaired;
            try {
                repaired = timings.time("llm_repair", () -> provider.chat(request(messages)));
            } catch (ProviderException e) {
                throw new GenerationException(e.kind().code(), usage, cost(usage),
                        "the repair call failed: " + e.getMessage());
            }
            usage = usage.plus(repaired.usage());
            try {
                reply = AnswerJson.parse(repaired.text());
                response = repaired;
            } catch (AnswerJson.InvalidAnswerException second) {
                throw new GenerationException("invalid_output", usage, cost(usage),
                        "the model's reply stayed invalid after a repair attempt: " + second.getMessage());
            }
        }
        generation = Generation.llm(response.model().isBlank() ? settings.model() : response.model(), prompt.ref(), usage)
                .withCost(cost(usage));

        List<Citation> citations = new ArrayList<>();
        int unknown = 0;
        int unlocated = 0;
        for (AnswerJson.Cited cited : reply.citations()) {
            Chunk chunk = sources.get(cited.source().strip());
            if (chunk == null) {
                unknown++;
                continue;
            }
            Optional<String> quote = QuoteLocator.locate(chunk.text(), cited.quote());
            if (quote.isEmpty()) {
                unlocated++;
                continue;
            }
            if (citations.stream().noneMatch(c -> c.chunkId().equals(chunk.id()) && c.quote().equals(quote.get()))) {
                citations.add(new Citation(chunk.document().source(), chunk.location().pageStart(),
                        chunk.location().section(), quote.get(), chunk.id(), chunk.document().id(), 1.0));
            }
        }
        generation = generation.withDroppedCitations(unknown + unlocated);
        if (reply.abstain()) {
            String reason = reply.abstainReason().isBlank() ? "" : " " + reply.abstainReason().strip();
            return new Answer((Answer.ABSTENTION_MESSAGE.replace(" The closest passages found are listed as sources.", "")
                    + reason).strip(), true, 0, citations, generation);
        }
        if (citations.isEmpty()) {
            throw new GenerationException("uncited_answer", usage, cost(usage), "the model answered without a citation that could"
                    + " be verified against the sources (" + reply.citations().size() + " given, " + unknown
                    + " naming unknown sources)");
        }
        double confidence = (double) citations.size() / Math.max(1, reply.citations().size());
        return new Answer(reply.answer().strip(), false, confidence, citations, generation);
    }

    private double cost(TokenUsage usage) {
        return prices.cost(settings.model(), usage);
    }

    private ChatRequest request(List<ChatMessage> messages) {
        return new ChatRequest(settings.model(), messages, Optional.of(AnswerJson.SCHEMA), settings.maxOutputTokens(),
                settings.temperature());
    }

    /**
     * The chunks that fit the budget, labelled S1, S2… in retrieval order. A chunk's size is the token count stored
     * with it at ingestion (its context line included, so the budget errs on the safe side): tokenizing eight chunks
     * again cost several milliseconds per answer, more than everything else around the model call together.
     */
    private Map<String, Chunk> sources(List<RetrievedChunk> evidence) {
        Map<String, Chunk> sources = new LinkedHashMap<>();
        int used = 0;
        for (RetrievedChunk retrieved : evidence) {
            if (sources.size() >= settings.maxSources()) {
                break;
            }
            Chunk chunk = retrieved.chunk();
            int cost = chunk.tokenCount() > 0 ? chunk.tokenCount() : tokens.count(chunk.text());
            if (!sources.isEmpty() && used + cost > settings.contextTokenBudget()) {
                continue;
            }
            used += cost;
            sources.put("S" + (sources.size() + 1), retrieved.chunk());
        }
        return sources;
    }
}
