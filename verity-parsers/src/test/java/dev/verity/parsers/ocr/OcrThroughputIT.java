package dev.verity.parsers.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.document.ParsedDocument;
import dev.verity.parsers.ParserSettings;
import dev.verity.parsers.isolation.IsolatedDocumentParser;
import dev.verity.parsers.isolation.IsolationSettings;
import dev.verity.testkit.files.SampleFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages in parallel, the page cache and the page time budget, with the real {@code tesseract} program (Debian
 * tesseract-ocr, -eng, -deu) on generated scans.
 */
class OcrThroughputIT {
    private static final List<String> TEXTS = List.of(
            "The invoice number is 4711 and it must be paid within thirty days.",
            "Staff receive twenty five days of paid holiday every year.",
            "The warehouse in Hamburg ships every order before noon.",
            "Die Rechnung ist innerhalb von vierzehn Tagen zu bezahlen.");

    @TempDir
    Path dir;

    @Test
    void readsPagesInParallelWithTheSameTextInPageOrderAsOneAtATime() throws Exception {
        List<BufferedImage> pages =
                TEXTS.stream().map(t -> SampleFiles.scanPage(t, 300)).toList();
        Ocr serial = new Ocr(OcrSettings.defaults().withParallelism(1));
        Ocr parallel = new Ocr(OcrSettings.defaults().withParallelism(TEXTS.size()));

        Map<Integer, PageText> one = serial.read(PageOcr.all(TEXTS.size()), p -> pages.get(p - 1));
        Map<Integer, PageText> many = parallel.read(PageOcr.all(TEXTS.size()), p -> pages.get(p - 1));

        assertThat(many.keySet()).containsExactly(1, 2, 3, 4);
        assertThat(many).isEqualTo(one);
        assertThat(String.join(" ", many.get(1).paragraphs())).contains("4711");
        assertThat(String.join(" ", many.get(4).paragraphs())).contains("vierzehn Tagen");
        assertThat(serial.tesseract().peak()).isEqualTo(1);
        assertThat(parallel.tesseract().peak())
                .as("pages rendered one after another, recognized at once")
                .isGreaterThan(1);
    }

    /**
     * Two parsers (as two parser processes would) sharing one slot folder of 2 run at most 2 {@code tesseract}
     * processes at once between them, and reach 2: each page's start and end are written by a wrapper around the real
     * program, and the most pages in flight at any moment counted from that log.
     */
    @Test
    void parsersSharingSlotsNeverRunMoreProcessesThanTheBudgetBetweenThem() throws Exception {
        Path log = dir.resolve("runs.log");
        Path wrapper = dir.resolve("timed-tesseract");
        Files.writeString(wrapper, """
                #!/bin/sh
                case "$1" in --*) exec tesseract "$@" ;; esac
                echo "+ $(date +%%s%%N)" >> '%s'
                tesseract "$@"
                status=$?
                echo "- $(date +%%s%%N)" >> '%s'
                exit $status
                """.formatted(log, log));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        List<BufferedImage> pages =
                TEXTS.stream().map(t -> SampleFiles.scanPage(t, 300)).toList();
        OcrSettings budget = OcrSettings.defaults()
                .withCommand(wrapper.toString())
                .withParallelism(2)
                .withSlots(dir.resolve("ocr-slots"));
        Ocr a = new Ocr(budget);
        Ocr b = new Ocr(budget);

        List<Map<Integer, PageText>> results;
        try (var both = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var fromA = both.submit(() -> a.read(PageOcr.all(4), p -> pages.get(p - 1)));
            var fromB = both.submit(() -> b.read(PageOcr.all(4), p -> pages.get(p - 1)));
            results = List.of(fromA.get(), fromB.get());
        }

        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(String.join(" ", results.get(0).get(3).paragraphs())).contains("Hamburg");
        List<String[]> events = Files.readAllLines(log).stream()
                .map(l -> l.split(" "))
                .sorted(java.util.Comparator.comparingLong((String[] e) -> Long.parseLong(e[1]))
                        .thenComparing(e -> e[0].equals("+") ? 1 : 0)) // an end at the same instant comes first
                .toList();
        int inFlight = 0;
        int most = 0;
        for (String[] event : events) {
            inFlight += event[0].equals("+") ? 1 : -1;
            most = Math.max(most, inFlight);
        }
        assertThat(events).hasSize(16); // 8 pages, a start and an end each
        assertThat(most)
                .as("tesseract processes at once, both parsers together")
                .isEqualTo(2);
    }

    @Test
    void readsThePagesOfAnotherParserFromTheCacheWithoutRunningTesseract() throws Exception {
        List<BufferedImage> pages =
                TEXTS.stream().map(t -> SampleFiles.scanPage(t, 300)).toList();
        OcrSettings settings = OcrSettings.defaults().withCache(dir.resolve("ocr-cache"));
        Ocr first = new Ocr(settings);
        Map<Integer, PageText> cold = first.read(PageOcr.all(TEXTS.size()), p -> pages.get(p - 1));

        Ocr second = new Ocr(settings); // a parser started later, with an empty memory
        Map<Integer, PageText> warm = second.read(PageOcr.all(TEXTS.size()), p -> pages.get(p - 1));

        assertThat(first.tesseract().runs()).isEqualTo(4);
        assertThat(second.tesseract().runs()).isZero();
        assertThat(warm).isEqualTo(cold);
        assertThat(cacheEntries()).isEqualTo(4);
    }

    @Test
    void doesNotKeepAPageThatTimedOutSoItIsTriedAgain() throws Exception {
        BufferedImage page = SampleFiles.scanPage(TEXTS.getFirst(), 300);
        OcrSettings cached = OcrSettings.defaults().withCache(dir.resolve("ocr-cache"));
        Ocr hasty = new Ocr(cached.withPageTimeout(Duration.ofMillis(1)));

        PageText skipped = hasty.read(List.of(1), p -> page).get(1);
        Ocr patient = new Ocr(cached);
        PageText read = patient.read(List.of(1), p -> page).get(1);

        assertThat(skipped.failure()).contains("OCR timed out after 1 ms");
        assertThat(patient.tesseract().runs()).isEqualTo(1);
        assertThat(String.join(" ", read.paragraphs())).contains("4711");
    }

    /**
     * The parent names the cache folder and the parser processes, which receive it in their settings, share it: a
     * file parsed again by a fresh process does not run {@code tesseract}. Counted by a wrapper around the real
     * program that notes each page it is given.
     */
    @Test
    void parserProcessesShareTheCacheSoAReingestRunsNoOcr() throws Exception {
        Path log = dir.resolve("runs.log");
        Path wrapper = dir.resolve("counting-tesseract");
        Files.writeString(wrapper, """
                #!/bin/sh
                case "$1" in --*) ;; *) echo "$1" >> '%s' ;; esac
                exec tesseract "$@"
                """.formatted(log));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path png = SampleFiles.scanImage(dir.resolve("scan.png"), "png", 300, TEXTS.get(0));
        Path pdf = SampleFiles.scannedPdf(dir.resolve("scan.pdf"), TEXTS.subList(1, 3), Set.of(1, 2));
        ParserSettings settings = ParserSettings.defaults()
                .withOcr(OcrSettings.defaults().withCommand(wrapper.toString()).withCache(dir.resolve("ocr-cache")));

        String first;
        try (IsolatedDocumentParser parser =
                new IsolatedDocumentParser(IsolationSettings.defaults(1).withParser(settings))) {
            first = text(parser, png, pdf);
        }
        long runsFirst = Files.readAllLines(log).size();
        String again;
        try (IsolatedDocumentParser parser =
                new IsolatedDocumentParser(IsolationSettings.defaults(1).withParser(settings))) {
            again = text(parser, png, pdf);
        }

        assertThat(runsFirst).as("one image file and two scanned pages").isEqualTo(3);
        assertThat(Files.readAllLines(log)).hasSize(3);
        assertThat(again).isEqualTo(first).contains("4711", "Hamburg");
    }

    private static String text(IsolatedDocumentParser parser, Path png, Path pdf) throws Exception {
        ParsedDocument image = parser.parse(png, "scan.png");
        ParsedDocument scan = parser.parse(pdf, "scan.pdf");
        assertThat(scan.quality().ocr()).hasSize(2);
        return image.text() + "\n" + scan.text();
    }

    private long cacheEntries() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("ocr-cache"))) {
            return files.filter(f -> f.toString().endsWith(".page")).count();
        }
    }
}
