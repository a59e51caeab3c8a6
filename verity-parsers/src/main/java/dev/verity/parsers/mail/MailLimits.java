package dev.verity.parsers.mail;

/**
 * How much of a message's attachments is read: the part of {@code ParserSettings} the e-mail reader needs.
 *
 * @param maxChars the character limit per file, named when a message with its attachments exceeds it (an attachment
 *     itself is only given what its message left)
 * @param maxAttachments most attachments read per message, nested messages included; further ones are skipped
 * @param maxAttachmentDepth how deep attached messages are followed: 1 reads the attachments of the message itself
 */
public record MailLimits(int maxChars, int maxAttachments, int maxAttachmentDepth) {}
