/**
 * Audio and video, read with Debian's {@code ffmpeg}: {@link dev.verity.parsers.media.MediaReader} takes a text
 * subtitle track when there is one, otherwise the speech transcribed by a {@code Transcriber}, in passages headed by
 * their start time ({@code 00:03:12}). {@link dev.verity.parsers.media.MediaSettings} names the programs and the
 * timeout.
 *
 * <p>Depends on {@code format} only. Trap: the service keeps media in process even when other formats are parsed in
 * child processes; ffmpeg already runs in processes of its own, and the speech goes to the transcription service from
 * the service's JVM.
 */
@NullMarked
package dev.verity.parsers.media;

import org.jspecify.annotations.NullMarked;
