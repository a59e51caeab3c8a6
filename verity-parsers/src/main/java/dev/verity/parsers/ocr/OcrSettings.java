package dev.verity.parsers.ocr;

import dev.verity.internal.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Verity runs Tesseract: one {@code tesseract} process per page, never more than {@code parallelism} at once
 * across all files (across all parser processes when they share {@code slots}), each with one OpenMP thread
 * ({@code OMP_THREAD_LIMIT=1}: parallel pages beat parallel threads in one page, and several multi-threaded processes
 * on few cores would only fight). A page recognized before is read from the {@code cache}, when there is one.
 *
 * <pre>{@code
 * OcrSettings ocr = OcrSettings.defaults().withMode(OcrMode.FORCE).withLanguages("deu");
 * DocumentParser parser = new RoutingDocumentParser(ParserSettings.defaults().withOcr(ocr));
 * // what `verity ingest` does: the cache and the process budget in the data folder, shared by its parser processes
 * OcrSettings shared = ocr.withCache(data.resolve("ocr-cache")).withSlots(data.resolve("ocr-slots"));
 * }</pre>
 *
 * @param mode when to OCR: {@code auto} (pages without a usable text layer, and images), {@code force} or {@code off}
 * @param languages Tesseract language codes joined by {@code +}, e.g. {@code eng+deu}; each needs its Debian package
 *     {@code tesseract-ocr-<code>}
 * @param dpi the resolution PDF pages are rendered at for OCR
 * @param pageTimeout how long one page may take; a page that takes longer is left without text, with a warning
 * @param parallelism most {@code tesseract} processes running at once
 * @param command the Tesseract executable, a name looked up on the {@code PATH} or a path
 * @param cache the folder where recognized pages are kept by the SHA-256 of their image, so that a file read again
 *     (a re-ingest, the same scan in two places) is not OCR'd again; empty for no cache. A plain path, so that the
 *     isolated parser processes, which receive these settings as JSON, share the cache of the process that started
 *     them
 * @param cacheMaxBytes how large the cache folder may grow; past it, the pages used least recently are deleted (a page
 *     of text takes a few kilobytes)
 * @param slots a folder of lock files through which all the processes given it share one budget of
 *     {@code parallelism} {@code tesseract} processes: the isolated parser processes together never run more, and a
 *     single scanned PDF can use all of it while the others have nothing to OCR; empty for a budget per process
 */
public record OcrSettings(
        OcrMode mode,
        String languages,
        int dpi,
        Duration pageTimeout,
        int parallelism,
        String command,
        Optional<Path> cache,
        long cacheMaxBytes,
        Optional<Path> slots) {
    /** English and German: the language packs {@code .ci/run} installs. */
    public static final String DEFAULT_LANGUAGES = "eng+deu";
    /** Tesseract is trained on 300 dpi text; lower loses small print, higher only costs time. */
    public static final int DEFAULT_DPI = 300;
    /**
     * A dense 300 dpi page takes one to three seconds on one core, ten on a busy one; thirty means something is wrong.
     * Half the default time budget of a whole file in a parser process (60 s), so that a page stuck in Tesseract is
     * skipped with a warning while the file's other pages are still indexed, rather than the file being killed.
     */
    public static final Duration DEFAULT_PAGE_TIMEOUT = Duration.ofSeconds(30);

    public static final String DEFAULT_COMMAND = "tesseract";
    /** About 100,000 pages of text: a large archive of scans, a small share of a disk. */
    public static final long DEFAULT_CACHE_MAX_BYTES = 512L * 1024 * 1024;

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_]+(?:\\+[A-Za-z0-9_]+)*");

    public OcrSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(languages, "languages");
        if (!LANGUAGE.matcher(languages).matches()) {
            throw new IllegalArgumentException(
                    "OCR languages must be Tesseract codes joined by '+', e.g. eng+deu, got \"" + languages + "\"");
        }
        if (dpi < 72 || dpi > 1200) {
            throw new IllegalArgumentException("OCR dpi must be in 72..1200, got " + dpi);
        }
        Objects.requireNonNull(pageTimeout, "pageTimeout");
        if (pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new IllegalArgumentException("OCR page timeout must be positive, got " + pageTimeout);
        }
        Checks.positive(parallelism, "parallelism");
        Checks.nonBlank(command, "command");
        Objects.requireNonNull(cache, "cache");
        if (cacheMaxBytes <= 0) {
            throw new IllegalArgumentException("OCR cacheMaxBytes must be > 0, got " + cacheMaxBytes);
        }
        Objects.requireNonNull(slots, "slots");
    }

    /** Settings without a cache, each process within its own {@code parallelism}. */
    public OcrSettings(OcrMode mode, String languages, int dpi, Duration pageTimeout, int parallelism, String command) {
        this(
                mode,
                languages,
                dpi,
                pageTimeout,
                parallelism,
                command,
                Optional.empty(),
                DEFAULT_CACHE_MAX_BYTES,
                Optional.empty());
    }

    /**
     * Auto mode, {@value #DEFAULT_LANGUAGES}, {@value #DEFAULT_DPI} dpi, 30 s a page, one process per core, no
     * cache.
     */
    public static OcrSettings defaults() {
        return new OcrSettings(
                OcrMode.AUTO,
                DEFAULT_LANGUAGES,
                DEFAULT_DPI,
                DEFAULT_PAGE_TIMEOUT,
                Runtime.getRuntime().availableProcessors(),
                DEFAULT_COMMAND);
    }

    /** The language codes, e.g. {@code [eng, deu]}. */
    public List<String> languageList() {
        return Arrays.asList(languages.split("\\+"));
    }

    public boolean enabled() {
        return mode != OcrMode.OFF;
    }

    public OcrSettings withMode(OcrMode newMode) {
        return new OcrSettings(newMode, languages, dpi, pageTimeout, parallelism, command, cache, cacheMaxBytes, slots);
    }

    public OcrSettings withLanguages(String newLanguages) {
        return new OcrSettings(mode, newLanguages, dpi, pageTimeout, parallelism, command, cache, cacheMaxBytes, slots);
    }

    public OcrSettings withDpi(int newDpi) {
        return new OcrSettings(mode, languages, newDpi, pageTimeout, parallelism, command, cache, cacheMaxBytes, slots);
    }

    public OcrSettings withPageTimeout(Duration timeout) {
        return new OcrSettings(mode, languages, dpi, timeout, parallelism, command, cache, cacheMaxBytes, slots);
    }

    public OcrSettings withParallelism(int processes) {
        return new OcrSettings(mode, languages, dpi, pageTimeout, processes, command, cache, cacheMaxBytes, slots);
    }

    public OcrSettings withCommand(String newCommand) {
        return new OcrSettings(mode, languages, dpi, pageTimeout, parallelism, newCommand, cache, cacheMaxBytes, slots);
    }

    /** These settings keeping recognized pages in {@code folder} (created when first needed). */
    public OcrSettings withCache(Path folder) {
        return new OcrSettings(
                mode, languages, dpi, pageTimeout, parallelism, command, Optional.of(folder), cacheMaxBytes, slots);
    }

    /** These settings with no cache: every page is recognized again. */
    public OcrSettings withoutCache() {
        return new OcrSettings(
                mode, languages, dpi, pageTimeout, parallelism, command, Optional.empty(), cacheMaxBytes, slots);
    }

    public OcrSettings withCacheMaxBytes(long bytes) {
        return new OcrSettings(mode, languages, dpi, pageTimeout, parallelism, command, cache, bytes, slots);
    }

    /**
     * These settings sharing one budget of {@code parallelism} processes with every process given the same
     * {@code folder} (lock files, created when missing).
     */
    public OcrSettings withSlots(Path folder) {
        return new OcrSettings(
                mode, languages, dpi, pageTimeout, parallelism, command, cache, cacheMaxBytes, Optional.of(folder));
    }
}
