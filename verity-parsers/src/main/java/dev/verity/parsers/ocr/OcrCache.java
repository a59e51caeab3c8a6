package dev.verity.parsers.ocr;

import dev.verity.internal.OwnerOnly;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recognized pages on disk, by the SHA-256 of the page image and the settings that shape the result: a re-ingested
 * scan, or the same page image in two files, is read from here instead of by Tesseract. Works across processes: the
 * parent and each isolated parser process open the same folder ({@link OcrSettings#cache()}); an entry is written to a
 * temporary file and moved into place, so a reader sees a whole entry or none.
 *
 * <p>Layout: {@code <folder>/<2 hex>/<64 hex>.page}, each file a magic number, a format version, the mean confidence,
 * the word count and the paragraphs. Only pages read without failure are kept (a timed-out page is tried again next
 * time). An entry that cannot be read (truncated, another format, a bad length) is deleted and counts as a miss.
 *
 * <p>Size: bounded by {@link OcrSettings#cacheMaxBytes()}. Each process learns the folder's size on its first write and
 * adds what it writes; past the bound it deletes the entries used least recently (a hit refreshes an entry's time)
 * until the folder is at {@value #PRUNE_TO_PERCENT}% of the bound. Several processes may prune at once; they only
 * delete more than one would.
 *
 * <p>The cache is an optimisation: a folder that cannot be written or read turns it off for this process and parsing
 * goes on without it. Thread-safe.
 */
final class OcrCache {
    private static final int MAGIC = 0x4F435250; // "OCRP"
    /** Bump when the entry format or the way Tesseract's output is turned into paragraphs changes. */
    static final int VERSION = 1;

    private static final String SUFFIX = ".page";
    static final int PRUNE_TO_PERCENT = 80;
    /** Longest paragraph and most paragraphs an entry may declare: more is a corrupt length, not a page. */
    private static final int MAX_PARAGRAPH_BYTES = 1 << 20;

    private static final int MAX_PARAGRAPHS = 100_000;

    private final Path folder;
    private final long maxBytes;
    private final String settingsKey;
    private final AtomicLong size = new AtomicLong(-1); // unknown until the first write
    private final AtomicBoolean broken = new AtomicBoolean();

    private OcrCache(Path folder, long maxBytes, String settingsKey) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.settingsKey = settingsKey;
    }

    /** The cache these settings name, empty when they name none. */
    static Optional<OcrCache> of(OcrSettings settings) {
        return settings.cache()
                .map(folder -> new OcrCache(
                        folder.toAbsolutePath(),
                        settings.cacheMaxBytes(),
                        // what changes the text of a page: the program, its languages and the resolution it is told
                        "v" + VERSION + "\n" + settings.command() + "\n" + settings.languages() + "\n"
                                + settings.dpi()));
    }

    /** The key of a rendered page image (8-bit grey), as {@link Tesseract#readHeld} would be given it. */
    String key(BufferedImage grey) {
        MessageDigest sha = sha256();
        Raster raster = grey.getRaster();
        int width = grey.getWidth();
        sha.update(("pgm " + width + "x" + grey.getHeight() + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] row = new byte[width];
        for (int y = 0; y < grey.getHeight(); y++) {
            raster.getDataElements(0, y, width, 1, row);
            sha.update(row);
        }
        return finish(sha);
    }

    /** The key of an image file, as {@link Tesseract#read(Path)} would be given it: by its bytes. */
    String key(Path imageFile) throws IOException {
        MessageDigest sha = sha256();
        sha.update("file\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(imageFile)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return finish(sha);
    }

    private String finish(MessageDigest imageDigest) {
        MessageDigest sha = sha256();
        sha.update(imageDigest.digest());
        sha.update(settingsKey.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The page recognized before under this key, empty when there is none or it cannot be read. */
    Optional<PageText> get(String key) {
        if (broken.get()) {
            return Optional.empty();
        }
        Path entry = entry(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (IOException e) {
            return Optional.empty(); // none yet, or pruned by another process
        }
        Optional<PageText> page = decode(bytes);
        try {
            if (page.isEmpty()) {
                Files.deleteIfExists(entry);
            } else {
                Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            }
        } catch (IOException e) {
            // deleted meanwhile by another process's pruning: the text read is still good
        }
        return page;
    }

    /** Keeps a page read without failure; anything else is not kept. */
    void put(String key, PageText page) {
        if (page.failure().isPresent() || broken.get()) {
            return;
        }
        Path entry = entry(key);
        try {
            byte[] bytes = encode(page);
            OwnerOnly.folder(entry.getParent()); // recognized text is as private as the documents
            Path temporary = Files.createTempFile(entry.getParent(), key.substring(0, 8), ".tmp");
            try {
                Files.write(temporary, bytes);
                try {
                    Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            long now = size.get() < 0 && size.compareAndSet(-1, measure()) ? size.get() : size.addAndGet(bytes.length);
            if (now > maxBytes) {
                prune();
            }
        } catch (IOException | RuntimeException e) {
            broken.set(true); // a read-only or full disk: OCR goes on without the cache
        }
    }

    Path entry(String key) {
        return folder.resolve(key.substring(0, 2)).resolve(key + SUFFIX);
    }

    /** Deletes the entries used least recently until the folder holds {@value #PRUNE_TO_PERCENT}% of the bound. */
    private synchronized void prune() throws IOException {
        if (size.get() <= maxBytes) {
            return; // another thread pruned meanwhile
        }
        record Entry(Path path, long bytes, long used) {}
        List<Entry> entries = new ArrayList<>();
        for (Path file : entries()) {
            try {
                entries.add(new Entry(
                        file, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
            } catch (NoSuchFileException e) {
                // pruned by another process
            }
        }
        entries.sort(Comparator.comparingLong(Entry::used));
        long total = entries.stream().mapToLong(Entry::bytes).sum();
        long target = maxBytes / 100 * PRUNE_TO_PERCENT + maxBytes % 100 * PRUNE_TO_PERCENT / 100; // no overflow
        for (Entry e : entries) {
            if (total <= target) {
                break;
            }
            Files.deleteIfExists(e.path());
            total -= e.bytes();
        }
        size.set(total);
    }

    private long measure() throws IOException {
        long total = 0;
        for (Path file : entries()) {
            try {
                total += Files.size(file);
            } catch (NoSuchFileException e) {
                // pruned by another process
            }
        }
        return total;
    }

    private List<Path> entries() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> pages = Files.newDirectoryStream(shard, "*" + SUFFIX)) {
                    pages.forEach(files::add);
                }
            }
        }
        return files;
    }

    static byte[] encode(PageText page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeDouble(page.confidence());
            out.writeInt(page.words());
            out.writeInt(page.paragraphs().size());
            for (String paragraph : page.paragraphs()) {
                byte[] utf8 = paragraph.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        }
        return bytes.toByteArray();
    }

    /** The page an entry holds; empty when it is not a whole entry of this version. */
    static Optional<PageText> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return Optional.empty();
            }
            double confidence = in.readDouble();
            int words = in.readInt();
            int count = in.readInt();
            if (!(confidence >= 0 && confidence <= 100) || words < 0 || count < 0 || count > MAX_PARAGRAPHS) {
                return Optional.empty();
            }
            List<String> paragraphs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length < 0 || length > MAX_PARAGRAPH_BYTES || length > in.available()) {
                    return Optional.empty();
                }
                paragraphs.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            if (in.available() != 0) {
                return Optional.empty();
            }
            return Optional.of(new PageText(List.copyOf(paragraphs), confidence, words, Optional.empty()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
