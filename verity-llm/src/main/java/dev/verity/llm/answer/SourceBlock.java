package dev.verity.llm.answer;

import dev.verity.document.Chunk;
import java.util.Map;

/**
 * Renders the sources for the user message: each chunk fenced in a {@code <source>} element carrying its label and
 * provenance, so the model can cite by label and tell data from instructions (spotlighting). Text that would close or
 * open a fence early is defused, so a document cannot break out of its source.
 */
final class SourceBlock {
    private SourceBlock() {}

    static String render(Map<String, Chunk> sources) {
        StringBuilder out = new StringBuilder();
        sources.forEach((label, chunk) -> {
            out.append("<source id=\"")
                    .append(label)
                    .append("\" file=\"")
                    .append(attribute(chunk.document().source()))
                    .append('"');
            if (chunk.location().pageStart() > 0) {
                out.append(" page=\"").append(chunk.location().pageStart()).append('"');
            }
            if (!chunk.location().section().isEmpty()) {
                out.append(" section=\"")
                        .append(attribute(chunk.location().section()))
                        .append('"');
            }
            out.append(">\n").append(defuse(chunk.text())).append("\n</source>\n");
        });
        return out.toString().strip();
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace("\n", " ");
    }

    /** Makes any {@code <source} or {@code </source} inside a document inert. */
    static String defuse(String text) {
        return text.replaceAll("(?i)<(/?)(source|sources)\\b", "<$1 $2");
    }
}
