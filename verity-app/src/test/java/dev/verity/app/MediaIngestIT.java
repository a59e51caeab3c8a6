package dev.verity.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.app.assembly.Verity;
import dev.verity.app.config.VerityConfig;
import dev.verity.document.DocumentIds;
import dev.verity.index.IndexedChunk;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.IngestResult;
import dev.verity.ingestion.IngestStatus;
import dev.verity.ingestion.SourceFile;
import dev.verity.ingestion.jobs.IngestionService;
import dev.verity.testkit.llm.FakeLlmServer;
import dev.verity.testkit.llm.FakeTranscriptionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Audio and video ingested end to end: ffmpeg for real, speech through the transcription fake over HTTP. */
class MediaIngestIT {
    @TempDir
    Path root;

    private Path ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Path output = root.resolve(args[args.length - 1]);
        command.set(command.size() - 1, output.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return output;
    }

    @Test
    void speechIsTranscribedThroughTheConfiguredServiceAndCitedByTime() throws Exception {
        Path talk = ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:duration=90", "all-hands.mp3");
        try (FakeTranscriptionServer fake = FakeTranscriptionServer.start(
                "Welcome to the all hands.", "The new office opens in March.", "Questions go to the team lead.")) {
            VerityConfig config = VerityConfig.from(
                    root.resolve("data"),
                    Map.of(
                            "VERITY_TRANSCRIPTION_BASE_URL",
                            fake.baseUrl(),
                            "VERITY_TRANSCRIPTION_API_KEY",
                            FakeLlmServer.API_KEY,
                            "VERITY_TRANSCRIPTION_MODEL",
                            "whisper-large-v3"));
            try (Verity verity = Verity.forWriting(config)) {
                IngestResult result = verity.ingestion()
                        .ingest(
                                List.of(new SourceFile(talk, "all-hands.mp3")),
                                IngestOptions.into("meetings"),
                                IngestionService.Listener.none())
                        .getFirst();

                assertThat(result.status()).as(result.message()).isEqualTo(IngestStatus.INDEXED);
                List<IndexedChunk> chunks =
                        verity.components().index().chunks(DocumentIds.documentId("meetings", "all-hands.mp3"));
                // 90 s, three sentences spread evenly: 0 s, 30 s and 60 s; passages of 60 s → 00:00:00 and 00:01:00
                assertThat(chunks)
                        .extracting(c -> c.chunk().location().section())
                        .containsExactly("00:00:00", "00:01:00");
                assertThat(chunks.get(1).chunk().text()).contains("Questions go to the team lead.");
                assertThat(fake.requests()).hasSize(1);
                assertThat(fake.requests().getFirst().getPart("model").getBody().asString())
                        .isEqualTo("whisper-large-v3");
            }
        }
    }

    @Test
    void withoutATranscriptionServiceSpeechIsRejectedWithTheSettingsToSet() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:duration=2", "memo.wav");

        Cli.Result result = Cli.run(
                "ingest",
                "--data",
                root.resolve("data").toString(),
                "--json",
                root.resolve("memo.wav").toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.jsonLines().getFirst().get("reason").asString()).isEqualTo("transcription_not_configured");
        assertThat(result.jsonLines().getFirst().get("message").asString()).contains("VERITY_TRANSCRIPTION_BASE_URL");
    }

    @Test
    void subtitlesAreIndexedWithoutAnyTranscription() throws Exception {
        Files.writeString(root.resolve("subs.srt"), """
                1
                00:03:12,000 --> 00:03:15,000
                Fire exits are marked in green.
                """);
        Path video = ffmpeg(
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=200:size=32x24:rate=1",
                "-i",
                root.resolve("subs.srt").toString(),
                "-map",
                "0",
                "-map",
                "1",
                "-c:v",
                "mpeg4",
                "-c:s",
                "srt",
                "safety.mkv");

        Cli.Result ingest = Cli.run("ingest", "--data", root.resolve("data").toString(), "--json", video.toString());
        assertThat(ingest.exitCode()).as(ingest.out()).isZero();

        Cli.Result ask = Cli.run(
                "ask",
                "--data",
                root.resolve("data").toString(),
                "--json",
                "What colour are the fire exits marked in?");
        assertThat(ask.json().get("citations").get(0).get("source").asString()).isEqualTo("safety.mkv");
        assertThat(ask.json().toString()).contains("00:03:12");
    }
}
