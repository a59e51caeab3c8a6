package dev.verity.testkit.files;

import java.util.List;
import java.util.Objects;

/**
 * One slide of a generated presentation.
 *
 * @param title the text of the title placeholder
 * @param bullets one paragraph each in the body placeholder
 * @param notes speaker notes, empty for none
 */
public record Slide(String title, List<String> bullets, String notes) {
    public Slide {
        Objects.requireNonNull(title, "title");
        bullets = List.copyOf(bullets);
        Objects.requireNonNull(notes, "notes");
    }

    public static Slide of(String title, String... bullets) {
        return new Slide(title, List.of(bullets), "");
    }

    public Slide withNotes(String newNotes) {
        return new Slide(title, bullets, newNotes);
    }
}
