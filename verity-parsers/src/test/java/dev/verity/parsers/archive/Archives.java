package dev.verity.parsers.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.poifs.filesystem.Ole10Native;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Writes test archives from member paths and bytes, in the given order. */
final class Archives {
    private Archives() {}

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path zip(Path file, Map<String, byte[]> members) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A zip whose one member is {@code size} zero bytes: deflate shrinks it about 1,000 times. */
    static Path zeros(Path file, String member, long size) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(member));
            byte[] block = new byte[1 << 16];
            for (long left = size; left > 0; left -= block.length) {
                zip.write(block, 0, (int) Math.min(block.length, left));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path tar(Path file, Map<String, byte[]> members) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTar(out, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path tarGz(Path file, Map<String, byte[]> members) {
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
            writeTar(out, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path tarBz2(Path file, Map<String, byte[]> members) {
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file))) {
            writeTar(out, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path gz(Path file, byte[] content) {
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path sevenZ(Path file, Map<String, byte[]> members) {
        try (SevenZOutputFile out = new SevenZOutputFile(file.toFile())) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                entry.setName(m.getKey());
                out.putArchiveEntry(entry);
                out.write(m.getValue());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Embeds a file in an Office Open XML document as Office does: a part under {@code embeddings/} next to the main
     * part, related to it as a package (for an OLE object, as an oleObject).
     */
    static Path embed(Path ooxml, String partName, String contentType, byte[] content) {
        try (OPCPackage pkg = OPCPackage.open(ooxml.toFile(), PackageAccess.READ_WRITE)) {
            PackagePartName name = PackagingURIHelper.createPartName(partName);
            PackagePart part = pkg.createPart(name, contentType);
            try (OutputStream out = part.getOutputStream()) {
                out.write(content);
            }
            PackagePart main = pkg.getPartsByRelationshipType(PackageRelationshipTypes.CORE_DOCUMENT)
                    .getFirst();
            main.addRelationship(
                    name,
                    TargetMode.INTERNAL,
                    partName.endsWith(".bin")
                            ? "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject"
                            : "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package");
        } catch (Exception e) {
            throw new IllegalStateException("cannot embed " + partName + " in " + ooxml, e);
        }
        return ooxml;
    }

    /** An OLE "Package" object wrapping a file, as Office stores an embedded PDF or text file. */
    static byte[] olePackage(String fileName, byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Ole10Native wrapped = new Ole10Native(fileName, fileName, fileName, content);
            ByteArrayOutputStream nativeStream = new ByteArrayOutputStream();
            wrapped.writeOut(nativeStream);
            fs.createDocument(new java.io.ByteArrayInputStream(nativeStream.toByteArray()), Ole10Native.OLE10_NATIVE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTar(OutputStream out, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buffer)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(m.getKey());
                entry.setSize(m.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(m.getValue());
                tar.closeArchiveEntry();
            }
        }
        out.write(buffer.toByteArray());
    }
}
