package dev.verity.parsers.archive;

import java.io.ByteArrayInputStream;
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
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
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

    /**
     * A legacy (BIFF8) workbook with one sheet of text and a file embedded in it as an OLE "Package" object, the way
     * Excel stores a file dropped on a sheet (an {@code MBD*} storage holding {@code \u0001Ole10Native}).
     */
    static Path xlsWithPackage(Path file, String cellText, String memberName, byte[] member) {
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook book = new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
            org.apache.poi.hssf.usermodel.HSSFSheet sheet = book.createSheet("Budget");
            sheet.createRow(0).createCell(0).setCellValue(cellText);
            int storage = book.addOlePackage(member, memberName, memberName, memberName);
            int icon = book.addPicture(png(), org.apache.poi.ss.usermodel.Workbook.PICTURE_TYPE_PNG);
            org.apache.poi.hssf.usermodel.HSSFPatriarch drawing = sheet.createDrawingPatriarch();
            drawing.createObjectData(
                    new org.apache.poi.hssf.usermodel.HSSFClientAnchor(0, 0, 0, 0, (short) 2, 2, (short) 4, 6),
                    storage,
                    icon);
            try (OutputStream out = Files.newOutputStream(file)) {
                book.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A legacy (PowerPoint 97) deck with one slide of text and a file embedded on it as an OLE "Package" object. */
    static Path pptWithPackage(Path file, String slideText, String memberName, byte[] member) {
        try (org.apache.poi.hslf.usermodel.HSLFSlideShow deck = new org.apache.poi.hslf.usermodel.HSLFSlideShow();
                POIFSFileSystem ole = new POIFSFileSystem(new ByteArrayInputStream(olePackage(memberName, member)))) {
            ole.getRoot().setStorageClsid(org.apache.poi.hpsf.ClassIDPredefined.OLE_V1_PACKAGE.getClassID());
            org.apache.poi.hslf.usermodel.HSLFSlide slide = deck.createSlide();
            org.apache.poi.hslf.usermodel.HSLFTextBox box = slide.createTextBox();
            box.setText(slideText);
            box.setAnchor(new java.awt.geom.Rectangle2D.Double(50, 50, 400, 50));
            org.apache.poi.hslf.usermodel.HSLFPictureData icon =
                    deck.addPicture(png(), org.apache.poi.sl.usermodel.PictureData.PictureType.PNG);
            org.apache.poi.hslf.usermodel.HSLFObjectShape shape =
                    new org.apache.poi.hslf.usermodel.HSLFObjectShape(icon);
            shape.setObjectID(deck.addEmbed(ole));
            slide.addShape(shape);
            shape.setAnchor(new java.awt.geom.Rectangle2D.Double(100, 200, 64, 64));
            try (OutputStream out = Files.newOutputStream(file)) {
                deck.write(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png() throws IOException {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * An RTF document with {@code text} and a file embedded as an OLE 1.0 "Package" object (what Word writes for a
     * file dropped into a document): {@code \\objdata} holds, in hex, the OLE 1.0 header and the package record.
     */
    static Path rtfWithPackage(Path file, String text, String name, byte[] member) {
        ByteArrayOutputStream pkg = new ByteArrayOutputStream();
        le16(pkg, 2);
        cString(pkg, name); // display name
        cString(pkg, name); // icon file
        le16(pkg, 0); // icon index
        le16(pkg, 3); // embedded, not linked
        le32(pkg, name.length() + 1);
        cString(pkg, name); // file path
        le32(pkg, member.length);
        pkg.writeBytes(member);
        ByteArrayOutputStream ole = new ByteArrayOutputStream();
        le32(ole, 0x0501); // OLE version
        le32(ole, 2); // embedded object
        le32(ole, "Package".length() + 1);
        cString(ole, "Package");
        le32(ole, 0); // topic
        le32(ole, 0); // item
        le32(ole, pkg.size());
        ole.writeBytes(pkg.toByteArray());
        StringBuilder hex = new StringBuilder();
        for (byte b : ole.toByteArray()) {
            hex.append(String.format("%02x", b & 0xff));
        }
        String rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}" + text
                + "\\par{\\object\\objemb{\\*\\objclass Package}\\objw100\\objh100{\\*\\objdata " + hex
                + "}}\\par}";
        try {
            return Files.writeString(file, rtf, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        le16(out, value & 0xffff);
        le16(out, value >>> 16);
    }

    private static void cString(ByteArrayOutputStream out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    /** A one-page PDF with {@code pageText} and a file attached to the page by a file-attachment annotation. */
    static Path pdfWithAnnotatedFile(Path file, String pageText, String name, byte[] attachment) {
        Path plain = pdf(file, pageText, Map.of());
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(plain.toFile())) {
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile(name);
            spec.setEmbeddedFile(new PDEmbeddedFile(doc, new ByteArrayInputStream(attachment), COSName.FLATE_DECODE));
            var annotation = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment();
            annotation.setFile(spec);
            annotation.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(72, 600, 20, 20));
            doc.getPage(0).getAnnotations().add(annotation);
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF with {@code pageText} on its page and {@code attachments} in its embedded-files name tree. */
    static Path pdf(Path file, String pageText, Map<String, byte[]> attachments) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(pageText);
                content.endText();
            }
            if (!attachments.isEmpty()) {
                Map<String, PDComplexFileSpecification> specs = new java.util.TreeMap<>();
                for (Map.Entry<String, byte[]> attachment : attachments.entrySet()) {
                    PDEmbeddedFile embedded = new PDEmbeddedFile(
                            doc, new ByteArrayInputStream(attachment.getValue()), COSName.FLATE_DECODE);
                    PDComplexFileSpecification spec = new PDComplexFileSpecification();
                    spec.setFile(attachment.getKey());
                    spec.setFileUnicode(attachment.getKey());
                    spec.setEmbeddedFile(embedded);
                    specs.put(attachment.getKey(), spec);
                }
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(specs);
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                doc.getDocumentCatalog().setNames(names);
            }
            doc.save(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
