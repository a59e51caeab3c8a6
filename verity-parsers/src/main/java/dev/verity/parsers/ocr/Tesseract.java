package dev.verity.parsers.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Debian's {@code tesseract} program on one page image and reads its TSV output (one row per page, block,
 * paragraph, line and word, words with a 0–100 confidence) into paragraphs and a mean word confidence.
 *
 * <p>One process per page, at most {@link OcrSettings#parallelism()} at once for the whole parser ({@link #slot()}),
 * or for all the processes sharing {@link OcrSettings#slots()} ({@link OcrSlots}), each with
 * {@code OMP_THREAD_LIMIT=1}. Images already on disk are passed by path; rendered pages are piped to the
 * process's standard input as an uncompressed greyscale PGM, which costs no encoding time. Whether the program and
 * the language packs are installed is checked once ({@link #problem()}), so that a missing package is reported as
 * such rather than as a failing page.
 *
 * <p>Thread-safe.
 */
final class Tesseract {
    /** Most bytes of the program's error output kept for a message. */
    private static final int MAX_ERROR_OUTPUT = 4096;

    private static final int TSV_COLUMNS = 12;
    private static final int WORD_LEVEL = 5;
    /** Grey levels below this are ink. */
    private static final int INK = 128;
    /** One ink pixel in 20,000 is a speck of dust; one short word at 300 dpi already has more. */
    static final int BLANK_INK_RATIO = 20_000;

    private final OcrSettings settings;
    private final Semaphore slots;
    private final Optional<OcrSlots> shared;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile Optional<String> problem; // null until probed

    Tesseract(OcrSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.parallelism(), true);
        this.shared = OcrSlots.of(settings);
    }

    OcrSettings settings() {
        return settings;
    }

    /** How many pages this runner has given to a {@code tesseract} process: what a cache hit saves. */
    int runs() {
        return runs.get();
    }

    /** The most {@code tesseract} processes this runner has had running at once: the parallelism it reached. */
    int peak() {
        return peak.get();
    }

    /** A permit to run one process; release it by closing. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a free process slot, in this process and, with {@link OcrSettings#slots()}, among all the processes
     * sharing them: take it before rendering a page, so rendered pages never pile up in memory.
     */
    Slot slot() throws InterruptedException {
        slots.acquire();
        FileLock lock = null;
        if (shared.isPresent()) {
            try {
                lock = shared.get().acquire();
            } catch (InterruptedException | RuntimeException e) {
                slots.release();
                throw e;
            }
        }
        FileLock held = lock;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                if (held != null) {
                    OcrSlots.release(held);
                }
                slots.release();
            }
        };
    }

    /**
     * What keeps OCR from running: the program is missing, or a language pack is; empty when it is ready. Checked
     * once, by running {@code tesseract --list-langs}.
     */
    Optional<String> problem() {
        Optional<String> known = problem;
        if (known == null) {
            synchronized (this) {
                known = problem;
                if (known == null) {
                    known = probe();
                    problem = known;
                }
            }
        }
        return known;
    }

    private Optional<String> probe() {
        List<String> output;
        try {
            Process process = new ProcessBuilder(settings.command(), "--list-langs")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output = reader.lines().toList();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(
                        "the OCR program \"" + settings.command() + " --list-langs\" did not finish in 30 s");
            }
        } catch (IOException e) {
            return Optional.of("OCR needs the tesseract program, which was not found (tried \"" + settings.command()
                    + "\"): install the Debian package tesseract-ocr and the language packs "
                    + packages(settings.languageList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the OCR program");
        }
        Set<String> installed = new LinkedHashSet<>();
        for (String line : output) {
            String clean = line.strip();
            if (!clean.isEmpty() && !clean.startsWith("List of available languages") && !clean.contains(" ")) {
                installed.add(clean);
            }
        }
        List<String> missing = settings.languageList().stream()
                .filter(l -> !installed.contains(l))
                .toList();
        if (!missing.isEmpty()) {
            return Optional.of("Tesseract has no language pack for " + String.join(", ", missing) + " (installed: "
                    + (installed.isEmpty() ? "none" : String.join(", ", installed)) + "): install the Debian package"
                    + (missing.size() > 1 ? "s " : " ") + packages(missing) + " or choose other OCR languages");
        }
        return Optional.empty();
    }

    /** The Debian packages of these languages: {@code chi_sim} is in {@code tesseract-ocr-chi-sim}. */
    static String packages(List<String> languages) {
        return String.join(
                " ",
                languages.stream()
                        .map(l -> "tesseract-ocr-" + l.toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList());
    }

    /** OCRs an image file (PNG, JPEG, single-frame TIFF…), waiting for a free slot. */
    PageText read(Path image) throws InterruptedException {
        try (Slot ignored = slot()) {
            return run(image.toAbsolutePath().toString(), null);
        }
    }

    /** OCRs a page image; the caller holds a {@link #slot()}. */
    PageText readHeld(BufferedImage image) throws InterruptedException {
        return run("stdin", grey(image));
    }

    private PageText run(String input, BufferedImage pipe) throws InterruptedException {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return runProcess(input, pipe);
        } finally {
            running.decrementAndGet();
        }
    }

    private PageText runProcess(String input, BufferedImage pipe) throws InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(settings.command(), input, "stdout", "-l", settings.languages()));
        if (pipe != null) {
            command.addAll(List.of("--dpi", Integer.toString(settings.dpi()))); // a PGM carries no resolution
        }
        command.add("tsv");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        runs.incrementAndGet();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return PageText.failed("the OCR program could not be started: " + e.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(settings.pageTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        Thread errorReader = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), errors));
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
                if (pipe != null) {
                    writePgm(pipe, out);
                }
            } catch (IOException e) {
                // the process ended early; its exit status and error output tell why
            }
        });
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split("\t", -1);
                if (cells.length == TSV_COLUMNS) {
                    rows.add(cells);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            try {
                writer.join();
                errorReader.join();
            } finally {
                watchdog.interrupt();
            }
        }
        int exit = process.waitFor();
        if (timedOut.get()) {
            long millis = settings.pageTimeout().toMillis();
            return PageText.failed("OCR timed out after " + (millis < 1000 ? millis + " ms" : millis / 1000 + " s"));
        }
        if (exit != 0) {
            String why = errors.toString(StandardCharsets.UTF_8)
                    .strip()
                    .lines()
                    .filter(l -> !l.startsWith("Estimating resolution"))
                    .reduce((a, b) -> b)
                    .orElse("");
            return PageText.failed("OCR failed (tesseract exit " + exit + (why.isEmpty() ? "" : ": " + why) + ")");
        }
        return parse(rows);
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (sink.size() < MAX_ERROR_OUTPUT) {
                    sink.write(buffer, 0, Math.min(n, MAX_ERROR_OUTPUT - sink.size()));
                }
            }
        } catch (IOException e) {
            // nothing more to read
        }
    }

    /**
     * Paragraphs from TSV rows {@code level page_num block_num par_num line_num word_num left top width height conf
     * text}: words (level 5) with text, grouped by block and paragraph, lines in order.
     */
    static PageText parse(List<String[]> rows) {
        List<String> paragraphs = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String paragraphKey = null;
        String lineKey = null;
        double confidence = 0;
        int words = 0;
        for (String[] row : rows) {
            if (!row[0].equals(Integer.toString(WORD_LEVEL))) {
                continue;
            }
            String text = row[11].strip();
            if (text.isEmpty()) {
                continue;
            }
            double conf;
            try {
                conf = Double.parseDouble(row[10]);
            } catch (NumberFormatException e) {
                continue;
            }
            String pKey = row[1] + "/" + row[2] + "/" + row[3];
            String lKey = pKey + "/" + row[4];
            if (!pKey.equals(paragraphKey)) {
                flushLine(line, lines);
                flushParagraph(lines, paragraphs);
                paragraphKey = pKey;
                lineKey = lKey;
            } else if (!lKey.equals(lineKey)) {
                flushLine(line, lines);
                lineKey = lKey;
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(text);
            if (conf >= 0) {
                confidence += Math.min(100, conf);
                words++;
            }
        }
        flushLine(line, lines);
        flushParagraph(lines, paragraphs);
        return new PageText(paragraphs, words == 0 ? 0 : confidence / words, words, Optional.empty());
    }

    private static void flushLine(StringBuilder line, List<List<String>> lines) {
        if (!line.isEmpty()) {
            if (lines.isEmpty()) {
                lines.add(new ArrayList<>());
            }
            lines.getLast().add(line.toString());
            line.setLength(0);
        }
    }

    private static void flushParagraph(List<List<String>> lines, List<String> paragraphs) {
        if (!lines.isEmpty() && !lines.getFirst().isEmpty()) {
            paragraphs.add(joined(lines.getFirst()));
        }
        lines.clear();
    }

    /** Lines as one text: "hyphen-" at a line end followed by a lowercase letter is joined without the hyphen. */
    static String joined(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String next : lines) {
            int n = text.length();
            if (n == 0) {
                text.append(next);
            } else if (n >= 2
                    && text.charAt(n - 1) == '-'
                    && Character.isLetter(text.charAt(n - 2))
                    && Character.isLowerCase(next.codePointAt(0))) {
                text.setLength(n - 1);
                text.append(next);
            } else {
                text.append(' ').append(next);
            }
        }
        return text.toString();
    }

    /** The image as 8-bit grey, converted when it is anything else (colour, 1-bit, 16-bit). */
    static BufferedImage grey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = grey.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE); // transparent pixels become paper, not ink
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    /** Binary PGM (P5): a header, then one byte per pixel, row by row. */
    static void writePgm(BufferedImage grey, OutputStream out) throws IOException {
        int width = grey.getWidth();
        int height = grey.getHeight();
        out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        Raster raster = grey.getRaster();
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            raster.getDataElements(0, y, width, 1, row);
            out.write(row);
        }
    }

    /**
     * True when the grey image is (nearly) empty paper: fewer than one pixel in {@value #BLANK_INK_RATIO} is ink,
     * sampled on a grid. Such pages are not worth a Tesseract run.
     */
    static boolean isBlank(BufferedImage grey) {
        Raster raster = grey.getRaster();
        int width = grey.getWidth();
        byte[] row = new byte[width];
        long sampled = 0;
        long ink = 0;
        for (int y = 0; y < grey.getHeight(); y += 2) {
            raster.getDataElements(0, y, width, 1, row);
            for (int x = 0; x < width; x += 2) {
                sampled++;
                if ((row[x] & 0xFF) < INK) {
                    ink++;
                }
            }
        }
        return ink * BLANK_INK_RATIO < sampled;
    }
}
