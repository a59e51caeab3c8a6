package dev.verity.testkit.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes zip containers by hand (ODF, EPUB, plain archives). Package formats require the {@code mimetype} entry to
 * come first and be stored uncompressed, so that the type can be sniffed at a fixed offset; entries get a fixed
 * timestamp so the bytes do not change between runs.
 */
final class ZipFiles {
    private static final long FIXED_TIME = 1_768_471_200_000L; // 2026-01-15T10:00:00Z

    private ZipFiles() {}

    /** Writes a package whose first, stored entry is {@code mimetype}, followed by the entries in order. */
    static void writePackage(Path file, String mimetype, Map<String, String> entries) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("mimetype", mimetype);
        all.putAll(entries);
        write(file, all, "mimetype");
    }

    static void write(Path file, Map<String, String> entries) throws IOException {
        write(file, entries, null);
    }

    /**
     * Rewrites a zip written by another library (POI stamps every entry with the current time) with the fixed
     * timestamp, keeping the order, names and contents of its entries.
     */
    static void fixTimestamps(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private static void write(Path file, Map<String, String> entries, String storedEntry) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME);
                if (e.getKey().equals(storedEntry)) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }
}
