package dev.verity.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.ParsedDocument;
import dev.verity.testkit.files.SampleFiles;
import dev.verity.testkit.files.Sheet;
import dev.verity.testkit.files.Slide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One parser instance is shared by all ingestion workers. */
class ConcurrentParsingTest {
    @TempDir
    Path dir;

    @Test
    void givesEveryThreadTheSameResultAsASingleThread() throws Exception {
        RoutingDocumentParser parser = new RoutingDocumentParser();
        List<Path> files = List.of(
                SampleFiles.pdf(dir.resolve("a.pdf"), "Page one.", "Page two."),
                SampleFiles.docx(dir.resolve("b.docx"), "Guide", SampleFiles.PRICING_GUIDE),
                SampleFiles.xlsx(dir.resolve("c.xlsx"), Sheet.of("S", List.of("k", "v"), List.of("a", "1"))),
                SampleFiles.pptx(dir.resolve("d.pptx"), "", List.of(Slide.of("Title", "Point"))),
                SampleFiles.html(dir.resolve("e.html"), "Page", SampleFiles.PRICING_GUIDE));
        List<ParsedDocument> expected = new ArrayList<>();
        for (Path file : files) {
            expected.add(parser.parse(file, file.getFileName().toString()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ParsedDocument>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Path file : files) {
                    results.add(pool.submit(
                            () -> parser.parse(file, file.getFileName().toString())));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % files.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
