package dev.verity.parsers.media;

import dev.verity.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How audio and video files are read.
 *
 * @param ffmpeg the ffmpeg command (a name looked up on the PATH, or a path)
 * @param ffprobe the ffprobe command
 * @param timeout longest run of one ffmpeg or ffprobe call; a file that takes longer is rejected
 * @param cueGroup subtitles and transcript segments are grouped into passages of about this length, each under a
 *     heading with its start time
 */
public record MediaSettings(String ffmpeg, String ffprobe, Duration timeout, Duration cueGroup) {
    /** Extracting the audio of a two-hour film takes well under a minute; ten is for slow disks and huge files. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** About a paragraph of speech: long enough to chunk well, short enough for a precise time in citations. */
    public static final Duration DEFAULT_CUE_GROUP = Duration.ofSeconds(60);

    public MediaSettings {
        Checks.nonBlank(ffmpeg, "ffmpeg");
        Checks.nonBlank(ffprobe, "ffprobe");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cueGroup, "cueGroup");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    public static MediaSettings defaults() {
        return new MediaSettings("ffmpeg", "ffprobe", DEFAULT_TIMEOUT, DEFAULT_CUE_GROUP);
    }

    public MediaSettings withCommands(String ffmpeg, String ffprobe) {
        return new MediaSettings(ffmpeg, ffprobe, timeout, cueGroup);
    }
}
