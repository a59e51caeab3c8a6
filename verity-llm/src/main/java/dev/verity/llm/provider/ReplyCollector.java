package dev.verity.llm.provider;

import dev.verity.generation.provider.ChatMessage;
import dev.verity.generation.provider.ChatRequest;
import dev.verity.generation.provider.ChatResponse;
import dev.verity.generation.provider.TokenUsage;
import java.util.Locale;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.Generation;

/**
 * Builds one {@link ChatResponse} from what a Spring AI model returned: a whole reply, or the chunks of a stream in
 * order. Reasoning text ("thinking") is left out. Usage is the largest count reported by any chunk (providers report
 * it once at the end, or cumulatively); a count the provider did not report is estimated at one token per
 * {@value #CHARS_PER_TOKEN} characters and the usage marked as not reported.
 */
final class ReplyCollector {
    /** The usual rule of thumb for English text with BPE tokenizers. */
    static final int CHARS_PER_TOKEN = 4;

    private final StringBuilder text = new StringBuilder();
    private String model = "";
    private String finishReason = "";
    private int inputTokens;
    private int outputTokens;
    private boolean sawReply;

    /** Takes in one response or chunk; returns the reply text it adds, empty when none. */
    String add(org.springframework.ai.chat.model.ChatResponse response) {
        if (response == null) {
            return "";
        }
        ChatResponseMetadata metadata = response.getMetadata();
        if (metadata != null) {
            if (metadata.getModel() != null && !metadata.getModel().isBlank()) {
                model = metadata.getModel();
            }
            Usage usage = metadata.getUsage();
            if (usage != null) {
                inputTokens = Math.max(inputTokens, orZero(usage.getPromptTokens()));
                outputTokens = Math.max(outputTokens, orZero(usage.getCompletionTokens()));
            }
        }
        StringBuilder added = new StringBuilder();
        for (Generation generation : response.getResults()) {
            sawReply = true;
            AssistantMessage output = generation.getOutput();
            if (output != null && output.getText() != null && !isReasoning(output.getMetadata())) {
                added.append(output.getText());
            }
            if (generation.getMetadata() != null) {
                String reason = generation.getMetadata().getFinishReason();
                if (reason != null && !reason.isBlank()) {
                    finishReason = normalizeFinishReason(reason);
                }
            }
        }
        text.append(added);
        return added.toString();
    }

    /** Whether any reply (even an empty one) arrived, as opposed to an answer with no choices at all. */
    boolean sawReply() {
        return sawReply;
    }

    ChatResponse result(ChatRequest request) {
        String reply = text.toString();
        int estimatedInput = estimateInput(request);
        int estimatedOutput = Math.ceilDiv(reply.length(), CHARS_PER_TOKEN);
        boolean inputReported = inputTokens > 0;
        boolean outputReported = outputTokens > 0 || reply.isEmpty();
        TokenUsage usage = new TokenUsage(
                inputReported ? inputTokens : estimatedInput,
                outputReported ? outputTokens : estimatedOutput,
                inputReported && outputReported);
        return new ChatResponse(reply, model.isEmpty() ? request.model() : model, usage, finishReason);
    }

    /**
     * One vocabulary for why a model stopped: {@code stop}, {@code length} (out of output tokens),
     * {@code content_filter}, {@code tool_calls}, or the provider's own word in lower case.
     */
    static String normalizeFinishReason(String raw) {
        String r = raw.strip().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "stop", "end_turn", "stop_sequence", "eos" -> "stop";
            case "length", "max_tokens", "model_context_window_exceeded" -> "length";
            case "content_filter", "safety", "recitation", "blocklist", "prohibited_content", "spii", "refusal" ->
                "content_filter";
            case "tool_calls", "tool_use", "function_call" -> "tool_calls";
            default -> r;
        };
    }

    private static boolean isReasoning(Map<String, Object> metadata) {
        // Anthropic marks thinking chunks with "thinking", Gemini thought parts with "isThought".
        return metadata != null
                && (Boolean.TRUE.equals(metadata.get("thinking")) || Boolean.TRUE.equals(metadata.get("isThought")));
    }

    private static int estimateInput(ChatRequest request) {
        long chars = 0;
        for (ChatMessage message : request.messages()) {
            chars += message.content().length();
        }
        chars += request.responseSchema().map(String::length).orElse(0);
        return Math.ceilDiv(Math.toIntExact(Math.min(chars, Integer.MAX_VALUE)), CHARS_PER_TOKEN);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
