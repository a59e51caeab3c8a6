package dev.verity.llm.provider;

import tools.jackson.databind.JsonNode;

/** Reading the OpenAI chat completions request format, shared by the OpenAI and Azure OpenAI suites. */
final class OpenAiMessages {
    static final String OPENING_WITH_HEL = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1735689600,\"model\":\"fake-model-001\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
            + "\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n";

    private OpenAiMessages() {}

    /** The text of the first message with this role; content may be a string or a list of text parts. */
    static String text(JsonNode body, String role) {
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asString().equals(role)) {
                return textOf(message.path("content"));
            }
        }
        throw new AssertionError("no " + role + " message in " + body);
    }

    static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asString());
        }
        return text.toString();
    }
}
