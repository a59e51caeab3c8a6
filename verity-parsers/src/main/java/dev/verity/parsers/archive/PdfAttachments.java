package dev.verity.parsers.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;

/**
 * The files attached to a PDF: those of its embedded-files name tree, then those of file-attachment annotations, page
 * by page, each once. Read with PDFBox without extracting any text, so looking costs far less than the parse; a
 * {@code FlateDecode} stream (nearly every attachment) is inflated as it is written, so a bomb is stopped at the limit
 * instead of being decoded in memory first.
 */
final class PdfAttachments {
    /** Deeper name trees are damaged or hostile: real ones are one or two levels. */
    private static final int MAX_TREE_DEPTH = 32;

    private PdfAttachments() {}

    static void write(Path file, EmbeddedFilesExtractor.Writer writer) throws IOException {
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
            Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean encrypted = doc.isEncrypted();
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
            if (tree != null) {
                walk(tree, 0, writer, seen, encrypted);
            }
            for (PDPage page : doc.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationFileAttachment attachment) {
                        write(attachment.getFile(), null, writer, seen, encrypted);
                    }
                }
            }
        }
    }

    private static void walk(
            PDNameTreeNode<PDComplexFileSpecification> node,
            int depth,
            EmbeddedFilesExtractor.Writer writer,
            Set<COSBase> seen,
            boolean encrypted)
            throws IOException {
        if (depth > MAX_TREE_DEPTH || !seen.add(node.getCOSObject())) {
            return;
        }
        Map<String, PDComplexFileSpecification> leaves = node.getNames();
        if (leaves != null) {
            for (Map.Entry<String, PDComplexFileSpecification> leaf : leaves.entrySet()) {
                write(leaf.getValue(), leaf.getKey(), writer, seen, encrypted);
            }
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                walk(kid, depth + 1, writer, seen, encrypted);
            }
        }
    }

    private static void write(
            PDFileSpecification specification,
            String treeName,
            EmbeddedFilesExtractor.Writer writer,
            Set<COSBase> seen,
            boolean encrypted)
            throws IOException {
        if (!(specification instanceof PDComplexFileSpecification spec)) {
            return; // a reference to a file outside the PDF
        }
        PDEmbeddedFile embedded = first(
                spec.getEmbeddedFileUnicode(),
                spec.getEmbeddedFile(),
                spec.getEmbeddedFileDos(),
                spec.getEmbeddedFileMac(),
                spec.getEmbeddedFileUnix());
        if (embedded == null || !seen.add(embedded.getCOSObject())) {
            return;
        }
        String name = writer.name(firstNonBlank(spec.getFileUnicode(), spec.getFilename(), treeName));
        try (InputStream in = open(embedded.getCOSObject(), encrypted)) {
            writer.write(name, in);
        }
    }

    /**
     * Inflated as it is read when the stream is plain {@code FlateDecode} in an unencrypted file; decoded (and
     * decrypted) by PDFBox otherwise.
     */
    private static InputStream open(COSStream stream, boolean encrypted) throws IOException {
        COSBase filter = stream.getFilters();
        boolean plainFlate =
                !encrypted && COSName.FLATE_DECODE.equals(filter) && stream.getItem(COSName.DECODE_PARMS) == null;
        return plainFlate ? new InflaterInputStream(stream.createRawInputStream()) : stream.createInputStream();
    }

    private static PDEmbeddedFile first(PDEmbeddedFile... files) {
        for (PDEmbeddedFile file : files) {
            if (file != null) {
                return file;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
