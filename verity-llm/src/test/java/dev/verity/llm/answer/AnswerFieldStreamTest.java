package dev.verity.llm.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerFieldStreamTest {
    private static final String REPLY = "{\"answer\": \"Staff get \\\"25\\\" days\\nper year \\u00e9t\\u00e9.\", "
            + "\"citations\": [{\"source\": \"S1\", \"quote\": \"x\"}], \"abstain\": false, \"abstain_reason\": \"\"}";

    @Test
    void decodesTheAnswerWhateverTheChunkBoundaries() {
        String expected = "Staff get \"25\" days\nper year été.";
        for (int size = 1; size <= REPLY.length(); size++) {
            AnswerFieldStream stream = new AnswerFieldStream();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < REPLY.length(); i += size) {
                out.append(stream.feed(REPLY.substring(i, Math.min(REPLY.length(), i + size))));
            }
            assertThat(out.toString()).as("chunks of %d", size).isEqualTo(expected);
            assertThat(stream.emitted()).isEqualTo(expected);
        }
    }

    @Test
    void emitsTextAsSoonAsItArrives() {
        AnswerFieldStream stream = new AnswerFieldStream();
        List<String> deltas = new ArrayList<>();
        for (String chunk : List.of("{\"ans", "wer\": \"Hel", "lo wor", "ld\", \"citations\": []}")) {
            deltas.add(stream.feed(chunk));
        }

        assertThat(deltas).containsExactly("", "Hel", "lo wor", "ld");
    }

    @Test
    void emitsNothingWhenThereIsNoAnswerField() {
        AnswerFieldStream stream = new AnswerFieldStream();

        assertThat(stream.feed("Sorry, I cannot help with that.")).isEmpty();
    }
}
