package dev.verity.testkit.llm;

/** The HTTP dialects a {@link FakeLlmServer} speaks, one per kind of provider Verity supports. */
public enum LlmProtocol {
    /**
     * OpenAI chat completions: {@code POST /v1/chat/completions}, {@code Authorization: Bearer <key>}; JSON, or SSE
     * {@code data: {...}} chunks ending with {@code data: [DONE]} when {@code "stream": true}, with a usage chunk last
     * when {@code stream_options.include_usage} is true. Embeddings: {@code POST /v1/embeddings}.
     */
    OPENAI,
    /**
     * Azure OpenAI (classic paths, as the openai-java SDK sends them for Azure):
     * {@code POST /openai/deployments/{deployment}/chat/completions?api-version=...}, {@code api-key: <key>}; the
     * bodies are OpenAI's. Embeddings: {@code POST /openai/deployments/{deployment}/embeddings?api-version=...}.
     */
    AZURE_OPENAI,
    /**
     * Anthropic Messages: {@code POST /v1/messages}, {@code x-api-key} and {@code anthropic-version} headers; SSE events
     * {@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta},
     * {@code content_block_stop}, {@code message_delta} (stop reason and usage), {@code message_stop}.
     */
    ANTHROPIC,
    /**
     * Google Gemini API: {@code POST /v1beta/models/{model}:generateContent}, and
     * {@code :streamGenerateContent?alt=sse} for SSE; the key in {@code x-goog-api-key} or {@code ?key=}.
     */
    GEMINI,
    /**
     * Ollama: {@code POST /api/chat}; JSON when {@code "stream": false}, NDJSON lines otherwise (Ollama's default).
     * Embeddings: {@code POST /api/embed}.
     */
    OLLAMA
}
