package dev.verity.testkit.files;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Writes Word documents with POI. POI's blank document has no style definitions, and a paragraph whose style id
 * points at nothing is read as plain text, so the heading styles ("heading 1"…) and a bullet list definition are
 * created here the way Word saves them.
 */
final class DocxWriter {
    static final Date FIXED_DATE = new Date(1_768_471_200_000L); // 2026-01-15T10:00:00Z

    private DocxWriter() {}

    static void write(Path file, String title, List<Element> elements) throws IOException {
        try (XWPFDocument doc = build(title, elements);
                OutputStream out = Files.newOutputStream(file)) {
            doc.write(out);
        }
        ZipFiles.fixTimestamps(file);
    }

    /** Writes the document inside an ECMA-376 agile-encrypted container, as Word does for "Encrypt with Password". */
    static void writeEncrypted(Path file, String password, List<Element> elements) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem();
                XWPFDocument doc = build("", elements)) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream encrypted = encryptor.getDataStream(fs)) {
                doc.write(encrypted);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt the document: " + e.getMessage(), e);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                fs.writeFilesystem(out);
            }
        }
    }

    private static XWPFDocument build(String title, List<Element> elements) {
        XWPFDocument doc = new XWPFDocument();
        XWPFStyles styles = doc.createStyles();
        for (int level = 1; level <= 6; level++) {
            styles.addStyle(paragraphStyle("Heading" + level, "heading " + level));
        }
        styles.addStyle(paragraphStyle("ListParagraph", "List Paragraph"));
        BigInteger bullets = bulletList(doc);
        for (Element element : elements) {
            switch (element) {
                case Element.Heading h -> {
                    XWPFParagraph p = doc.createParagraph();
                    p.setStyle("Heading" + h.level());
                    XWPFRun run = p.createRun();
                    run.setBold(true);
                    run.setFontSize(20 - 2 * h.level());
                    run.setText(h.text());
                }
                case Element.Paragraph para -> doc.createParagraph().createRun().setText(para.text());
                case Element.Bullet b -> {
                    XWPFParagraph p = doc.createParagraph();
                    p.setStyle("ListParagraph");
                    p.setNumID(bullets);
                    p.setNumILvl(BigInteger.ZERO);
                    p.createRun().setText(b.text());
                }
                case Element.Table t -> {
                    XWPFTable table =
                            doc.createTable(t.rows().size() + 1, t.header().size());
                    fillRow(table, 0, t.header());
                    for (int r = 0; r < t.rows().size(); r++) {
                        fillRow(table, r + 1, t.rows().get(r));
                    }
                }
            }
        }
        POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
        if (!title.isEmpty()) {
            core.setTitle(title);
        }
        core.setCreator("verity-testkit");
        core.setCreated(Optional.of(FIXED_DATE));
        core.setModified(Optional.of(FIXED_DATE));
        return doc;
    }

    private static void fillRow(XWPFTable table, int row, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            table.getRow(row).getCell(c).setText(cells.get(c));
        }
    }

    private static XWPFStyle paragraphStyle(String id, String name) {
        CTStyle ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        ct.setType(STStyleType.PARAGRAPH);
        ct.addNewName().setVal(name);
        ct.addNewBasedOn().setVal("Normal");
        ct.addNewQFormat();
        if (id.startsWith("Heading")) {
            int level = Integer.parseInt(id.substring("Heading".length()));
            ct.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
        }
        XWPFStyle style = new XWPFStyle(ct);
        style.setType(STStyleType.PARAGRAPH);
        return style;
    }

    private static BigInteger bulletList(XWPFDocument doc) {
        CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
        abstractNum.setAbstractNumId(BigInteger.ZERO);
        CTLvl level = abstractNum.addNewLvl();
        level.setIlvl(BigInteger.ZERO);
        level.addNewStart().setVal(BigInteger.ONE);
        level.addNewNumFmt().setVal(STNumberFormat.BULLET);
        level.addNewLvlText().setVal("\u2022");
        XWPFNumbering numbering = doc.createNumbering();
        BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(abstractNum));
        return numbering.addNum(abstractId);
    }
}
