package dev.verity.parsers.media;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.ingestion.parsing.Transcriber.Segment;
import dev.verity.parsers.format.FormatReader;
import dev.verity.parsers.format.Sink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads audio and video with Debian's {@code ffmpeg}:
 *
 * <ol>
 *   <li>{@code ffprobe} lists the streams;
 *   <li>with a text subtitle track: the first one is converted to SRT ({@code -map 0:s:0}) and its cues are the text;
 *   <li>otherwise, with an audio track and a {@link Transcriber}: the audio is extracted as 16 kHz mono WAV in pieces
 *       under the service's upload limit, and each piece is transcribed;
 *   <li>without a transcriber: rejected as {@link RejectionReason#TRANSCRIPTION_NOT_CONFIGURED}.
 * </ol>
 *
 * Cues and segments are grouped into passages of about {@link MediaSettings#cueGroup()}, each under a level-1 heading
 * holding its start time ({@code 00:03:12}), so a citation can say where in the recording the words are.
 */
public final class MediaReader implements FormatReader {
    /** 16 kHz × 16 bit × mono. */
    private static final long WAV_BYTES_PER_SECOND = 32_000;
    /** Room for the WAV header and the muxer cutting a little late. */
    private static final double PIECE_MARGIN = 0.9;

    private static final Pattern SRT_TIME =
            Pattern.compile("(\\d+):(\\d{2}):(\\d{2})[,.](\\d{3})\\s*-->\\s*(\\d+):(\\d{2}):(\\d{2})[,.](\\d{3})");
    private static final Pattern TAGS = Pattern.compile("<[^>]+>|\\{\\\\[^}]*}");

    private final MediaSettings settings;
    private final Optional<Transcriber> transcriber;
    private volatile Boolean ffmpegPresent;

    public MediaReader(MediaSettings settings, Optional<Transcriber> transcriber) {
        this.settings = settings;
        this.transcriber = transcriber;
    }

    @Override
    public Result read(Source source, Sink sink) throws IOException, DocumentRejectedException {
        Path file = source.file();
        requireFfmpeg();
        List<String> streams = probe(file);
        List<Segment> cues = List.of();
        if (streams.contains("subtitle")) {
            cues = subtitles(file);
        }
        if (cues.isEmpty()) {
            if (!streams.contains("audio")) {
                throw new DocumentRejectedException(
                        RejectionReason.NO_TEXT, "the file has neither a text subtitle track nor an audio track");
            }
            if (transcriber.isEmpty()) {
                throw new DocumentRejectedException(
                        RejectionReason.TRANSCRIPTION_NOT_CONFIGURED,
                        "the file has no subtitle track, and speech transcription is not configured");
            }
            cues = transcribe(file, transcriber.get());
        }
        write(cues, sink);
        return Result.NONE;
    }

    private void requireFfmpeg() throws DocumentRejectedException {
        if (ffmpegPresent == null) {
            try {
                Process p = new ProcessBuilder(settings.ffmpeg(), "-version")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                ffmpegPresent = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                ffmpegPresent = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ffmpegPresent = false;
            }
        }
        if (!ffmpegPresent) {
            throw new DocumentRejectedException(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "audio and video are read with"
                            + " ffmpeg, and \"" + settings.ffmpeg() + "\" could not be run: install Debian's ffmpeg"
                            + " (apt-get install ffmpeg) so that ffmpeg and ffprobe are on the PATH");
        }
    }

    /** The codec types of the streams, in order: "video", "audio", "subtitle"… */
    private List<String> probe(Path file) throws IOException, DocumentRejectedException {
        String out = run(
                List.of(
                        settings.ffprobe(),
                        "-v",
                        "error",
                        "-show_entries",
                        "stream=codec_type",
                        "-of",
                        "csv=p=0",
                        file.toString()),
                "ffprobe could not read the streams");
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private List<Segment> subtitles(Path file) throws IOException, DocumentRejectedException {
        String srt;
        try {
            srt = run(
                    List.of(
                            settings.ffmpeg(),
                            "-nostdin",
                            "-v",
                            "error",
                            "-i",
                            file.toString(),
                            "-map",
                            "0:s:0",
                            "-f",
                            "srt",
                            "-"),
                    "ffmpeg could not convert the subtitles");
        } catch (DocumentRejectedException bitmapSubtitles) {
            return List.of(); // picture-based subtitles (DVD, Blu-ray) have no text: fall back to the audio
        }
        return parseSrt(srt);
    }

    static List<Segment> parseSrt(String srt) {
        List<Segment> cues = new ArrayList<>();
        for (String block : srt.replace("\r", "").split("\n\\s*\n")) {
            Matcher m = SRT_TIME.matcher(block);
            if (!m.find()) {
                continue;
            }
            String text = TAGS.matcher(block.substring(m.end()))
                    .replaceAll("")
                    .strip()
                    .replaceAll("\\s*\n\\s*", " ");
            if (!text.isEmpty()) {
                cues.add(new Segment(time(m, 1), time(m, 5), text));
            }
        }
        return cues;
    }

    private static Duration time(Matcher m, int group) {
        return Duration.ofHours(Long.parseLong(m.group(group)))
                .plusMinutes(Long.parseLong(m.group(group + 1)))
                .plusSeconds(Long.parseLong(m.group(group + 2)))
                .plusMillis(Long.parseLong(m.group(group + 3)));
    }

    private List<Segment> transcribe(Path file, Transcriber transcriber) throws IOException, DocumentRejectedException {
        long pieceSeconds = Math.max(1, (long) (transcriber.maxUploadBytes() * PIECE_MARGIN / WAV_BYTES_PER_SECOND));
        Path dir = Files.createTempDirectory("verity-audio-");
        try {
            Path list = dir.resolve("pieces.csv");
            run(
                    List.of(
                            settings.ffmpeg(),
                            "-nostdin",
                            "-v",
                            "error",
                            "-i",
                            file.toString(),
                            "-vn",
                            "-map",
                            "0:a:0",
                            "-ac",
                            "1",
                            "-ar",
                            "16000",
                            "-c:a",
                            "pcm_s16le",
                            "-f",
                            "segment",
                            "-segment_time",
                            Long.toString(pieceSeconds),
                            "-segment_list",
                            list.toString(),
                            "-segment_list_type",
                            "csv",
                            dir.resolve("piece-%05d.wav").toString()),
                    "ffmpeg could not extract the audio");
            List<Segment> all = new ArrayList<>();
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                String[] fields = line.split(",");
                if (fields.length < 2) {
                    continue;
                }
                Path piece = dir.resolve(fields[0].strip());
                Duration offset = Duration.ofNanos(Math.round(Double.parseDouble(fields[1].strip()) * 1e9));
                for (Segment s : transcriber.transcribe(piece)) {
                    if (!s.text().isBlank()) {
                        all.add(s.shifted(offset));
                    }
                }
            }
            return all;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Passages of about {@link MediaSettings#cueGroup()}, each headed by its start time. */
    private void write(List<Segment> cues, Sink sink) {
        Duration groupStart = null;
        StringBuilder text = new StringBuilder();
        for (Segment cue : cues) {
            if (groupStart != null && cue.start().minus(groupStart).compareTo(settings.cueGroup()) >= 0) {
                flush(groupStart, text, sink);
                groupStart = null;
            }
            if (groupStart == null) {
                groupStart = cue.start();
            }
            text.append(text.isEmpty() ? "" : " ").append(cue.text().strip());
        }
        if (groupStart != null) {
            flush(groupStart, text, sink);
        }
    }

    private static void flush(Duration start, StringBuilder text, Sink sink) {
        sink.heading(1, timestamp(start));
        sink.paragraph(text.toString());
        text.setLength(0);
    }

    /** {@code 00:03:12}. */
    static String timestamp(Duration time) {
        long seconds = time.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    /** Runs a command to its end within the timeout; its stdout, or a rejection naming what failed. */
    private String run(List<String> command, String what) throws IOException, DocumentRejectedException {
        Path err = Files.createTempFile("verity-ffmpeg-", ".log");
        Path out = Files.createTempFile("verity-ffmpeg-", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
            if (!done) {
                process.destroyForcibly();
                throw new DocumentRejectedException(
                        RejectionReason.UNPARSEABLE,
                        what + ": " + command.getFirst() + " ran longer than "
                                + settings.timeout().toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                int cut = message.indexOf('\n');
                throw new DocumentRejectedException(
                        RejectionReason.CORRUPT,
                        what + ": "
                                + (cut > 0
                                        ? message.substring(0, cut)
                                        : message.isEmpty() ? "exit " + process.exitValue() : message));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }
}
