package dev.verity.llm.answer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the text of the {@code "answer"} string out of a JSON reply while it streams in, so the answer can be shown
 * token by token although the model writes JSON. Handles chunks split anywhere, escapes included. Relies on
 * {@code answer} being the reply's first string property, which the schema's property order asks for; if the model
 * puts it later, the text simply arrives later.
 *
 * <p>Not thread-safe: one instance per reply, fed in order.
 */
final class AnswerFieldStream {
    private static final Pattern START = Pattern.compile("\"answer\"\\s*:\\s*\"");

    private enum State {
        SEEKING,
        IN_ANSWER,
        DONE
    }

    private final StringBuilder buffer = new StringBuilder();
    private final StringBuilder emitted = new StringBuilder();
    private State state = State.SEEKING;
    private int position;

    /** Feeds the next piece of the reply; returns the answer text it completes (possibly empty). */
    String feed(String chunk) {
        buffer.append(chunk);
        if (state == State.SEEKING) {
            Matcher m = START.matcher(buffer);
            if (!m.find()) {
                return "";
            }
            position = m.end();
            state = State.IN_ANSWER;
        }
        if (state == State.DONE) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        while (position < buffer.length()) {
            char c = buffer.charAt(position);
            if (c == '"') {
                state = State.DONE;
                break;
            }
            if (c != '\\') {
                out.append(c);
                position++;
                continue;
            }
            if (position + 1 >= buffer.length()) {
                break; // the escape continues in the next chunk
            }
            char e = buffer.charAt(position + 1);
            if (e == 'u') {
                if (position + 6 > buffer.length()) {
                    break;
                }
                out.append((char) Integer.parseInt(buffer.substring(position + 2, position + 6), 16));
                position += 6;
                continue;
            }
            out.append(
                    switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e; // \" \\ \/
                    });
            position += 2;
        }
        emitted.append(out);
        return out.toString();
    }

    /** All answer text emitted so far. */
    String emitted() {
        return emitted.toString();
    }
}
