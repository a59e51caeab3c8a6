package dev.verity.document;

/**
 * What a {@link Block.Note} is: text a reader sees beside the running text of a document. Each is indexed as a passage
 * of its own, so an answer can say where its words came from ("comment by Ana Berg", "speaker notes") instead of
 * passing a reviewer's remark off as the document's body.
 */
public enum NoteKind {
    /** A reviewer's comment (Word, PowerPoint, Excel); usually has an author. */
    COMMENT("comment"),
    /** The presenter's notes under a slide. */
    SPEAKER_NOTES("speaker notes"),
    /** A page header, or the header text of a slide master. */
    HEADER("header"),
    /** A page footer, or the footer text of a slide master. */
    FOOTER("footer"),
    /** The title and axis titles of a chart. */
    CHART("chart"),
    /** The text of a SmartArt diagram. */
    SMARTART("SmartArt"),
    /** A PDF annotation: a sticky note, pop-up or free-text comment; may have an author. */
    ANNOTATION("PDF annotation"),
    /** A filled-in form field, as "name: value". */
    FORM_FIELD("form field");

    private final String label;

    NoteKind(String label) {
        this.label = label;
    }

    /** How a citation names this kind of passage, e.g. {@code "speaker notes"}. */
    public String label() {
        return label;
    }

    /** The label with its author when there is one, e.g. {@code "comment by Ana Berg"}. */
    public String label(String author) {
        return author.isBlank() ? label : label + " by " + author;
    }
}
