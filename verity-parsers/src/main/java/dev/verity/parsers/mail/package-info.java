/**
 * E-mail: {@link dev.verity.parsers.mail.EmailReader} reads an RFC 822 message with mime4j (headers, the body, and
 * each attachment parsed like a file of its own, under an "Attachment: name" heading);
 * {@link dev.verity.parsers.mail.MboxReader} reads a mailbox as one document with one section per message.
 * {@link dev.verity.parsers.mail.MailLimits} bounds the attachments.
 *
 * <p>Depends on {@code format}, and on {@code text} and {@code web}, whose rules read a plain-text or HTML body. An
 * attachment is parsed by whatever the router hands in as {@link dev.verity.parsers.mail.EmailReader.AttachmentParser}
 * (the router itself, one level deeper), so this package never knows the other formats.
 *
 * <p>Trap: an attachment gets only what its message left of the character budget, but a message that is too large
 * with its attachments is rejected naming the configured limit, not what the attachment had left.
 */
@NullMarked
package dev.verity.parsers.mail;

import org.jspecify.annotations.NullMarked;
