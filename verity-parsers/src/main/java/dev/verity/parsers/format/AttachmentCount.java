package dev.verity.parsers.format;

/**
 * The e-mail attachments read so far in one message tree, against the attachment limit: a message and the messages
 * attached to it share one count. Not thread-safe; a parse is single-threaded.
 */
public final class AttachmentCount {
    private int read;

    /** How many attachments were read so far. */
    public int read() {
        return read;
    }

    /** Counts one more attachment read. */
    public void increment() {
        read++;
    }
}
