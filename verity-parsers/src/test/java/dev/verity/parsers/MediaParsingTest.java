package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.document.ParsedDocument;
import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import dev.verity.ingestion.parsing.Transcriber;
import dev.verity.ingestion.parsing.Transcriber.Segment;
import dev.verity.parsers.media.MediaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio and video generated with ffmpeg itself, read through the real ffmpeg. */
class MediaParsingTest {
    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:02,500
            Welcome to the <i>safety</i> briefing.

            2
            00:00:03,000 --> 00:00:04,000
            Exits are at the back.

            3
            00:01:05,000 --> 00:01:07,000
            Helmets are worn
            on the shop floor.
            """;

    @TempDir
    Path dir;

    /** Runs ffmpeg; the last argument names the output file, written in {@code dir}. */
    static Path ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Path output = dir.resolve(args[args.length - 1]); // the last argument: the file to write, in dir
        command.set(command.size() - 1, output.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return output;
    }

    /** A 70-second clip (so that the last cue is in a second passage) with an SRT track muxed in. */
    private Path videoWithSubtitles(String name, String subtitleCodec) throws Exception {
        Files.writeString(dir.resolve("subs.srt"), SRT);
        return ffmpeg(
                dir,
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=70:size=64x48:rate=1",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=70",
                "-i",
                dir.resolve("subs.srt").toString(),
                "-map",
                "0",
                "-map",
                "1",
                "-map",
                "2",
                "-c:v",
                "mpeg4",
                "-c:a",
                "aac",
                "-c:s",
                subtitleCodec,
                name);
    }

    @Test
    void subtitlesOfAnMkvBecomePassagesHeadedByTheirStartTime() throws Exception {
        Path mkv = videoWithSubtitles("briefing.mkv", "srt");

        ParsedDocument doc = new RoutingDocumentParser().parse(mkv, "briefing.mkv");

        assertThat(doc.mediaType()).isEqualTo("video/x-matroska");
        assertThat(Blocks.headings(doc)).containsExactly("1 00:00:01", "1 00:01:05");
        assertThat(Blocks.paragraphs(doc))
                .containsExactly(
                        "Welcome to the safety briefing. Exits are at the back.",
                        "Helmets are worn on the shop floor.");
    }

    @Test
    void subtitlesOfAnMp4AreReadToo() throws Exception {
        Path mp4 = videoWithSubtitles("briefing.mp4", "mov_text");

        ParsedDocument doc = new RoutingDocumentParser().parse(mp4, "briefing.mp4");

        assertThat(Blocks.headings(doc)).containsExactly("1 00:00:01", "1 00:01:05");
        assertThat(doc.text()).contains("Exits are at the back.");
    }

    @Test
    void speechWithoutSubtitlesIsTranscribedInPiecesUnderTheUploadLimit() throws Exception {
        Path wav = ffmpeg(dir, "-f", "lavfi", "-i", "sine=frequency=300:duration=7", "talk.mp3");
        List<Long> pieceSizes = new CopyOnWriteArrayList<>();
        Transcriber transcriber = new Transcriber() {
            @Override
            public List<Segment> transcribe(Path audio) {
                try {
                    pieceSizes.add(Files.size(audio));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return List.of(
                        new Segment(Duration.ofMillis(500), Duration.ofSeconds(1), "piece " + pieceSizes.size()));
            }

            @Override
            public long maxUploadBytes() {
                return 100_000; // 100000 × 0.9 / 32000 B/s → pieces of 2 s
            }
        };
        RoutingDocumentParser parser = new RoutingDocumentParser(
                ParserSettings.defaults(), MediaSettings.defaults(), Optional.of(transcriber));

        ParsedDocument doc = parser.parse(wav, "talk.mp3");

        assertThat(pieceSizes).hasSize(4).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100_000));
        assertThat(doc.text()).contains("piece 1 piece 2 piece 3 piece 4");
        assertThat(Blocks.headings(doc)).containsExactly("1 00:00:00"); // 0.5 s … 6.5 s: one passage
    }

    @Test
    void speechWithoutATranscriberIsRejectedNamingTheSettings() throws Exception {
        Path wav = ffmpeg(dir, "-f", "lavfi", "-i", "sine=frequency=300:duration=2", "memo.wav");

        assertThatThrownBy(() -> new RoutingDocumentParser().parse(wav, "memo.wav"))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.TRANSCRIPTION_NOT_CONFIGURED);
                    assertThat(e.rejection().message())
                            .contains("no subtitle track")
                            .contains("VERITY_TRANSCRIPTION_BASE_URL");
                });
    }

    @Test
    void withoutFfmpegMediaIsRejectedWithAdviceToInstallIt() throws Exception {
        Path wav = ffmpeg(dir, "-f", "lavfi", "-i", "sine=frequency=300:duration=1", "memo.wav");
        RoutingDocumentParser parser = new RoutingDocumentParser(
                ParserSettings.defaults(),
                MediaSettings.defaults().withCommands("/nonexistent/ffmpeg", "/nonexistent/ffprobe"),
                Optional.empty());

        assertThatThrownBy(() -> parser.parse(wav, "memo.wav"))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.rejection().reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
                    assertThat(e.rejection().detail()).contains("install Debian's ffmpeg (apt-get install ffmpeg)");
                });
    }

    @Test
    void aVideoWithoutSoundOrSubtitlesHasNoText() throws Exception {
        Path silent =
                ffmpeg(dir, "-f", "lavfi", "-i", "testsrc=duration=2:size=64x48:rate=1", "-c:v", "mpeg4", "silent.mp4");

        assertThatThrownBy(() -> new RoutingDocumentParser().parse(silent, "silent.mp4"))
                .isInstanceOfSatisfying(
                        DocumentRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.NO_TEXT));
    }
}
