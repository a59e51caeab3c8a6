package dev.verity.parsers.ocr;

import java.util.List;
import java.util.Optional;

/**
 * The text {@link Tesseract} read on one page.
 *
 * @param paragraphs in reading order, lines joined (a word hyphenated at a line end joined again)
 * @param confidence the mean confidence of its words, 0–100; 0 when it has none
 * @param words how many words were read
 * @param failure why the page could not be read (timed out, the program failed), empty when it was
 */
public record PageText(List<String> paragraphs, double confidence, int words, Optional<String> failure) {
    static PageText failed(String why) {
        return new PageText(List.of(), 0, 0, Optional.of(why));
    }

    static PageText blank() {
        return new PageText(List.of(), 0, 0, Optional.empty());
    }
}
