package dev.verity.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {
    private static List<String> split(String text) {
        return Sentences.split(text).stream()
                .map(s -> text.substring(s.start(), s.end()))
                .toList();
    }

    @Test
    void splitsSentencesAndNeverCrossesALineBreak() {
        assertThat(split("First one. Second one!\nA row | without stop\n\nLast?"))
                .containsExactly("First one.", "Second one!", "A row | without stop", "Last?");
    }

    @Test
    void returnsNothingForBlankText() {
        assertThat(split(" \n \n")).isEmpty();
    }
}
