package dev.verity.parsers.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page cache on its own: keys, entries, corrupt files and the size bound; no Tesseract needed. */
class OcrCacheTest {
    private static final PageText PAGE = new PageText(
            List.of("The invoice number is 4711.", "Zahlbar in dreißig Tagen."), 91.5, 9, Optional.empty());

    @TempDir
    Path dir;

    @Test
    void keepsARecognizedPageForAnotherInstanceOnTheSameFolder() {
        OcrCache writer = cache(OcrSettings.defaults());
        String key = writer.key(page(1));
        writer.put(key, PAGE);

        OcrCache reader = cache(OcrSettings.defaults()); // as another parser process would open it

        assertThat(reader.key(page(1))).isEqualTo(key);
        assertThat(reader.get(key)).contains(PAGE);
    }

    @Test
    void keysDependOnThePixelsTheLanguagesAndTheResolution() {
        OcrCache cache = cache(OcrSettings.defaults());
        String key = cache.key(page(1));

        assertThat(cache.key(page(2))).isNotEqualTo(key);
        assertThat(cache(OcrSettings.defaults().withLanguages("eng")).key(page(1)))
                .isNotEqualTo(key);
        assertThat(cache(OcrSettings.defaults().withDpi(200)).key(page(1))).isNotEqualTo(key);
        assertThat(cache(OcrSettings.defaults().withParallelism(7)).key(page(1)))
                .as("how many processes run does not change a page's text")
                .isEqualTo(key);
    }

    @Test
    void keysAnImageFileByItsBytes() throws Exception {
        OcrCache cache = cache(OcrSettings.defaults());
        Path a = Files.write(dir.resolve("a.png"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("b.png"), new byte[] {1, 2, 3});
        Path c = Files.write(dir.resolve("c.png"), new byte[] {1, 2, 4});

        assertThat(cache.key(a)).isEqualTo(cache.key(b)).isNotEqualTo(cache.key(c));
    }

    @Test
    void doesNotKeepAPageThatFailed() {
        OcrCache cache = cache(OcrSettings.defaults());
        String key = cache.key(page(1));

        cache.put(key, PageText.failed("OCR timed out after 1 ms"));

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.entry(key)).doesNotExist();
    }

    @Test
    void ignoresAndDeletesACorruptEntry() throws Exception {
        OcrCache cache = cache(OcrSettings.defaults());
        String key = cache.key(page(1));
        cache.put(key, PAGE);
        byte[] whole = Files.readAllBytes(cache.entry(key));
        Files.write(cache.entry(key), java.util.Arrays.copyOf(whole, whole.length - 5)); // truncated

        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.entry(key)).doesNotExist();

        Files.createDirectories(cache.entry(key).getParent());
        Files.writeString(cache.entry(key), "not an entry at all");
        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void rejectsEntriesWithImpossibleLengths() throws Exception {
        byte[] entry = OcrCache.encode(PAGE);
        entry[20] = 0x7f; // the paragraph count (after magic, version, confidence, words): 2 becomes 2,130,706,434

        assertThat(OcrCache.decode(entry)).isEmpty();
        assertThat(OcrCache.decode(OcrCache.encode(PAGE))).contains(PAGE);
    }

    @Test
    void deletesTheEntriesUsedLeastRecentlyWhenTheFolderGrowsPastItsBound() throws Exception {
        int entryBytes = OcrCache.encode(PAGE).length;
        OcrCache cache = cache(OcrSettings.defaults().withCacheMaxBytes(entryBytes * 10L));
        String[] keys = new String[12];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = cache.key(page(i));
            cache.put(keys[i], PAGE);
            // one second apart, oldest first, so that "least recently used" does not depend on the clock's grain
            Files.setLastModifiedTime(cache.entry(keys[i]), FileTime.fromMillis(1_000_000L + i * 1000L));
            if (i == 9) {
                cache.get(keys[0]); // used again: now the most recent
            }
        }

        // the 11th entry passed the bound of 10: pruning deleted the three used least recently (1, 2, 3) to get to
        // 80% of the bound, 8 entries; then the 12th came: 9
        assertThat(entries()).isEqualTo(9);
        assertThat(cache.entry(keys[0])).exists();
        assertThat(cache.entry(keys[1])).doesNotExist();
        assertThat(cache.entry(keys[11])).exists();
    }

    @Test
    void goesOnWithoutTheCacheWhenItsFolderCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("a file, not a folder"), "x");
        OcrCache cache = OcrCache.of(OcrSettings.defaults().withCache(file)).orElseThrow();
        String key = cache.key(page(1));

        cache.put(key, PAGE);

        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void noCacheUnlessTheSettingsNameAFolder() {
        assertThat(OcrCache.of(OcrSettings.defaults())).isEmpty();
    }

    private OcrCache cache(OcrSettings settings) {
        return OcrCache.of(settings.withCache(dir.resolve("ocr-cache"))).orElseThrow();
    }

    private long entries() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("ocr-cache"))) {
            return files.filter(f -> f.toString().endsWith(".page")).count();
        }
    }

    /** A small grey image that differs for each {@code n}. */
    private static BufferedImage page(int n) {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(n % 64, n / 64, 0, 200);
        return image;
    }
}
