package dev.verity.testkit.samples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/**
 * Writes the binary documents of Verity's sample corpus into {@code <samples>/corpus} and {@code <samples>/restricted}:
 * the PDFs, the Word, PowerPoint and Excel files, the OpenDocument text and the EPUB.
 *
 * <p>All of the text is fictional and written for Verity. The plain-text formats of the corpus
 * (Markdown, HTML, TXT, CSV, EML, RTF) are maintained by hand next to the generated files.
 *
 * <p>The output is deterministic: metadata dates are fixed and every zip-based file is rewritten
 * with fixed entry times, so running the writer twice produces byte-identical files.
 *
 * <p>Usage: {@code java dev.verity.testkit.samples.SampleCorpusWriter <output-folder>}
 */
public final class SampleCorpusWriter {

    /** The fixed date stamped into every document's metadata. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2025, 10, 1, 9, 0, 0);

    private static final String AUTHOR = "Larkspur Robotics";

    private SampleCorpusWriter() {}

    public static void main(String[] args) throws IOException {
        Path samples = Path.of(args.length > 0 ? args[0] : "samples");
        Path out = Files.createDirectories(samples.resolve("corpus"));
        Path restricted = Files.createDirectories(samples.resolve("restricted"));

        writeEmployeeHandbook(out.resolve("employee-handbook.pdf"));
        writeDatasheet(out.resolve("tern-t2-datasheet.pdf"));
        writeIncidentReport(restricted.resolve("incident-report-2025-08.pdf"));
        writeSecurityPolicy(out.resolve("it-security-policy.docx"));
        writeAllHands(out.resolve("q3-2025-all-hands.pptx"));
        writePriceList(out.resolve("spare-parts-price-list.xlsx"));
        writeSalaryBands(restricted.resolve("salary-bands-2025.xlsx"));
        writeWarrantyOdt(out.resolve("warranty-and-returns.odt"));
        writeQuickstartEpub(out.resolve("tern-t2-operator-quickstart.epub"));
        System.out.println("Wrote sample corpus to " + samples.toAbsolutePath());
    }

    // ------------------------------------------------------------------ PDF

    private enum Kind {
        TITLE,
        SUBTITLE,
        HEADING,
        PARA
    }

    private record Block(Kind kind, String text) {}

    private static Block title(String text) {
        return new Block(Kind.TITLE, text);
    }

    private static Block subtitle(String text) {
        return new Block(Kind.SUBTITLE, text);
    }

    private static Block heading(String text) {
        return new Block(Kind.HEADING, text);
    }

    private static Block para(String text) {
        return new Block(Kind.PARA, text);
    }

    private static List<Block> page(Block... blocks) {
        return List.of(blocks);
    }

    static void writeEmployeeHandbook(Path file) throws IOException {
        List<List<Block>> pages = List.of(
                page(
                        title("Larkspur Robotics Employee Handbook"),
                        subtitle("Edition 2025, effective 1 January 2025. Owner: People Operations."),
                        heading("1. About Larkspur Robotics"),
                        para(
                                "Larkspur Robotics was founded in 2014 in Portland, Oregon, by Dana Whitfield and Tomas Reyes."),
                        para(
                                "The company designs and builds autonomous mobile robots for warehouses and distribution centres."),
                        para(
                                "As of January 2025, Larkspur Robotics employs 418 people in its Portland headquarters and its Munich office."),
                        para("Our three company values are: be safe, be straightforward, and finish what we start."),
                        heading("2. Working Hours"),
                        para("Full-time employees work 40 hours per week."),
                        para("Core hours at Larkspur Robotics are 10:00 to 15:00 local time, Monday to Friday."),
                        para("Outside core hours, employees may choose when they start and finish their working day."),
                        para(
                                "Overtime for hourly employees must be approved in advance by their manager in the Workday portal.")),
                page(
                        heading("3. Leave and Time Off"),
                        para("Employees receive 25 days of paid annual leave per calendar year."),
                        para("Up to 5 unused days of annual leave may be carried over into the next calendar year."),
                        para("Annual leave days that were carried over expire if they are not taken by 31 March."),
                        para("Employees receive 10 days of paid sick leave per calendar year."),
                        para(
                                "A doctor's note is required for sick leave that lasts longer than 3 consecutive working days."),
                        para("Primary caregivers receive 20 weeks of fully paid parental leave."),
                        para("Secondary caregivers receive 8 weeks of fully paid parental leave."),
                        para("Employees may take 3 days of paid bereavement leave when a close family member dies."),
                        para(
                                "Every employee may take 2 paid volunteering days per year to support a registered charity."),
                        para("Leave requests are submitted in the Workday portal at least two weeks in advance.")),
                page(
                        heading("4. Travel and Expenses"),
                        para("Business travel must be booked through the company travel portal, Skyroute."),
                        para("Economy class is required for flights shorter than 6 hours."),
                        para("Premium economy may be booked for flights of 6 hours or longer."),
                        para(
                                "The daily meal allowance during business travel is $75 in the United States and EUR 65 in Europe."),
                        para(
                                "Hotel costs are capped at $220 per night, except in New York and San Francisco, where the cap is $320 per night."),
                        para("Employees who use their own car for business trips are reimbursed at 67 cents per mile."),
                        para("Receipts are required for every expense above $25."),
                        para("Expense reports must be submitted within 30 days of the date the expense was incurred."),
                        para(
                                "Expense reports are approved by the employee's manager and paid with the next monthly payroll.")),
                page(
                        heading("5. Remote Work and Equipment"),
                        para("Employees may work remotely for up to 3 days per week with their manager's agreement."),
                        para(
                                "Robotics lab staff work on site every day, because their work requires access to the robots."),
                        para(
                                "New employees receive a one-time home office stipend of $600 to buy a desk, a chair or a monitor."),
                        para("Employees who work remotely receive a monthly internet allowance of $50."),
                        para("Company laptops are replaced every 4 years, or earlier if they fail."),
                        heading("6. Conduct and Speaking Up"),
                        para(
                                "Gifts from suppliers or customers worth more than $100 must be declared to the Legal team."),
                        para(
                                "Concerns about misconduct can be raised confidentially through the EthicsLine on 1-800-555-0147."),
                        para("The EthicsLine is run by an independent provider and is available 24 hours a day.")));
        writePdf(file, "Larkspur Robotics Employee Handbook", "Employee Handbook 2025", pages);
    }

    static void writeDatasheet(Path file) throws IOException {
        List<List<Block>> pages = List.of(
                page(
                        title("Tern T2 Autonomous Mobile Robot"),
                        subtitle("Product datasheet, revision C, June 2025"),
                        heading("Overview"),
                        para(
                                "The Tern T2 is an autonomous mobile robot that moves shelving racks and totes in warehouses."),
                        para(
                                "The Tern T2 drives underneath a rack, lifts it and brings it to a packing station, so that pickers do not have to walk the aisles."),
                        para("Fleets of Tern T2 robots are coordinated by the Heron fleet management software."),
                        heading("Specifications"),
                        para("The Tern T2 carries a maximum payload of 150 kg."),
                        para("The Tern T2 has a top speed of 2.0 metres per second."),
                        para("A fully charged Tern T2 battery lasts for up to 10 hours of continuous operation."),
                        para(
                                "The Tern T2 battery charges from 10 percent to 90 percent in 55 minutes on the Dock 2 charger."),
                        para("The Tern T2 weighs 62 kg without payload."),
                        para("The Tern T2 measures 80 cm in length, 55 cm in width and 32 cm in height."),
                        para(
                                "The Tern T2 navigates with two 360-degree lidar sensors and a forward-facing depth camera."),
                        para("The Tern T2 connects to the Heron server over Wi-Fi 6.")),
                page(
                        heading("Safety and Environment"),
                        para(
                                "The Tern T2 is certified to ISO 3691-4, the safety standard for driverless industrial trucks."),
                        para("Each Tern T2 has four emergency stop buttons, one on every corner of the robot."),
                        para("The Tern T2 is rated IP54 for protection against dust and splashing water."),
                        para("The Tern T2 operates at ambient temperatures from 0 to 40 degrees Celsius."),
                        para(
                                "The Tern T2 can climb ramps with a gradient of up to 5 percent while carrying its full payload."),
                        heading("Pricing and Ordering"),
                        para("The list price of the Tern T2 is $38,500 per robot."),
                        para("The Heron fleet management software is licensed at $1,200 per robot per year."),
                        para("The minimum order for a new Tern T2 site is 10 robots."),
                        para("Standard delivery time for a Tern T2 order is 8 weeks from the purchase order."),
                        para("To request a quote, contact sales@larkspur-robotics.example.")));
        writePdf(file, "Tern T2 Autonomous Mobile Robot - Product Datasheet", "Tern T2 Datasheet", pages);
    }

    static void writeIncidentReport(Path file) throws IOException {
        List<List<Block>> pages = List.of(page(
                title("Incident Report IR-2025-031"),
                subtitle("CONFIDENTIAL - Restricted to People Operations, Legal and EHS"),
                heading("Summary"),
                para(
                        "On 12 August 2025 at 14:20, a Tern T2 robot collided with a manual pallet jack at the Reno warehouse of customer Brightline Logistics."),
                para(
                        "A Brightline Logistics warehouse associate suffered a bruised ankle and returned to work the following day."),
                para("The robot was travelling at 1.7 metres per second at the moment of impact."),
                heading("Root Cause"),
                para(
                        "The root cause was a defect in robot firmware version 4.2.1 that made the rear lidar ignore obstacles lower than 20 cm."),
                para(
                        "The defect was introduced in a filter change that was meant to reduce false stops caused by floor reflections."),
                heading("Corrective Actions"),
                para(
                        "Firmware version 4.2.2, which fixes the defect, was deployed to all customer fleets by 22 August 2025."),
                para(
                        "Firmware releases now require a low-obstacle test on the Reno test course before they are approved."),
                para("Larkspur Robotics paid Brightline Logistics a service credit of $12,000."),
                heading("Investigation"),
                para("The investigation was led by Owen Bradley, EHS Manager, and closed on 5 September 2025.")));
        writePdf(file, "Incident Report IR-2025-031", "IR-2025-031 - Confidential", pages);
    }

    private static void writePdf(Path file, String docTitle, String footerLabel, List<List<Block>> pages)
            throws IOException {
        PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDFont oblique = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        float margin = 64f;
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(docTitle);
            info.setAuthor(AUTHOR);
            info.setCreator("Verity SampleCorpusWriter");
            info.setProducer("Verity SampleCorpusWriter");
            info.setCreationDate(fixedCalendar());
            info.setModificationDate(fixedCalendar());

            for (int p = 0; p < pages.size(); p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDRectangle box = page.getMediaBox();
                float width = box.getWidth() - 2 * margin;
                float y = box.getHeight() - margin;
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    for (Block block : pages.get(p)) {
                        PDFont font;
                        float size;
                        float before;
                        float after;
                        switch (block.kind()) {
                            case TITLE -> {
                                font = bold;
                                size = 20;
                                before = 0;
                                after = 6;
                            }
                            case SUBTITLE -> {
                                font = oblique;
                                size = 10.5f;
                                before = 0;
                                after = 10;
                            }
                            case HEADING -> {
                                font = bold;
                                size = 14;
                                before = 12;
                                after = 4;
                            }
                            default -> {
                                font = regular;
                                size = 11;
                                before = 0;
                                after = 6;
                            }
                        }
                        float leading = size * 1.35f;
                        y -= before;
                        for (String line : wrap(block.text(), font, size, width)) {
                            y -= leading;
                            if (y < margin + 30) {
                                throw new IllegalStateException("Page " + (p + 1) + " of " + file + " overflows");
                            }
                            cs.beginText();
                            cs.setFont(font, size);
                            cs.newLineAtOffset(margin, y);
                            cs.showText(line);
                            cs.endText();
                        }
                        y -= after;
                    }
                    String footer = footerLabel + " - Page " + (p + 1) + " of " + pages.size();
                    float footerWidth = regular.getStringWidth(footer) / 1000 * 9;
                    cs.beginText();
                    cs.setFont(regular, 9);
                    cs.newLineAtOffset((box.getWidth() - footerWidth) / 2, margin / 2);
                    cs.showText(footer);
                    cs.endText();
                }
            }
            // A fixed document ID, so that the file does not change from run to run.
            byte[] id = md5(docTitle);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            doc.getDocument().getTrailer().setItem(COSName.ID, ids);
            doc.save(file.toFile());
        }
    }

    private static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    // ------------------------------------------------------------------ DOCX

    private static final String W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /** Style definitions, so that Word and parsers recognise the headings as real headings. */
    private static final String DOCX_STYLES = """
            <w:styles xmlns:w="%s">
              <w:docDefaults>
                <w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>
                <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>
              </w:docDefaults>
              <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
              <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>
                <w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>
                <w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/></w:rPr></w:style>
              <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
                <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="2F5496"/><w:sz w:val="26"/></w:rPr></w:style>
              <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
                <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
              <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>
                <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
                <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
            </w:styles>
            """.formatted(W_NS);

    static void writeSecurityPolicy(Path file) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            try {
                doc.createStyles()
                        .setStyles(StylesDocument.Factory.parse(DOCX_STYLES).getStyles());
            } catch (org.apache.xmlbeans.XmlException e) {
                throw new IOException("Bad DOCX style definitions", e);
            }
            POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
            core.setTitle("Information Security Policy");
            core.setCreator(AUTHOR);
            core.setCreated(Optional.of(fixedDate()));
            core.setModified(Optional.of(fixedDate()));

            styled(doc, "Title", "Information Security Policy");
            plain(doc, "Version 3.2, approved on 15 May 2025. This policy is classified as Internal.");

            styled(doc, "Heading1", "1. Purpose and Scope");
            plain(doc, "This policy applies to all employees, contractors and interns of Larkspur Robotics.");
            plain(
                    doc,
                    "The Chief Information Security Officer, Mei Lindqvist, owns this policy and reviews it every 12 months.");

            styled(doc, "Heading1", "2. Accounts and Authentication");
            styled(doc, "Heading2", "2.1 Passwords");
            plain(doc, "Passwords must be at least 14 characters long.");
            plain(
                    doc,
                    "Passwords do not expire on a schedule, but a password must be changed immediately if a compromise is suspected.");
            plain(doc, "Work passwords must be stored in the company password manager, Lockbox.");
            styled(doc, "Heading2", "2.2 Multi-factor Authentication");
            plain(
                    doc,
                    "Multi-factor authentication is mandatory for e-mail, the VPN and all source code repositories.");
            plain(doc, "Engineers with access to production systems are issued a hardware security key.");

            styled(doc, "Heading1", "3. Devices");
            plain(doc, "All company laptops must use full-disk encryption.");
            plain(doc, "Screens must lock automatically after 5 minutes of inactivity.");
            plain(doc, "A lost or stolen laptop or phone must be reported to the IT Service Desk within 1 hour.");
            plain(doc, "Personal USB storage devices must not be connected to company laptops.");

            styled(doc, "Heading1", "4. Data Classification");
            plain(
                    doc,
                    "Every document must be labelled with one of the four classification levels in the table below.");
            String[][] rows = {
                {"Level", "Examples", "Who may access it", "Minimum retention"},
                {"Public", "Press releases, published datasheets", "Anyone", "1 year"},
                {"Internal", "Policies, meeting minutes, org charts", "Employees and contractors", "3 years"},
                {
                    "Confidential",
                    "Customer contracts, source code, product roadmaps",
                    "Named teams; encrypt when sending outside the company",
                    "7 years"
                },
                {
                    "Restricted",
                    "Salary data, incident reports, personal data",
                    "Named individuals approved by the data owner",
                    "10 years"
                },
            };
            XWPFTable table = doc.createTable(rows.length, rows[0].length);
            table.setStyleID("TableGrid");
            for (int r = 0; r < rows.length; r++) {
                XWPFTableRow row = table.getRow(r);
                if (r == 0) {
                    row.setRepeatHeader(true);
                }
                for (int c = 0; c < rows[r].length; c++) {
                    XWPFParagraph cellPara = row.getCell(c).getParagraphs().get(0);
                    XWPFRun run = cellPara.createRun();
                    run.setText(rows[r][c]);
                    run.setBold(r == 0);
                }
            }

            styled(doc, "Heading1", "5. Reporting Security Incidents");
            plain(
                    doc,
                    "Suspected security incidents must be reported to security@larkspur-robotics.example or by calling extension 4400.");
            plain(doc, "The security team acknowledges incident reports within 15 minutes during business hours.");
            plain(doc, "Suspicious e-mails should be reported with the Report Phishing button in the mail client.");

            try (OutputStream os = Files.newOutputStream(file)) {
                doc.write(os);
            }
        }
        normalizeZip(file);
    }

    private static void styled(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(style);
        p.createRun().setText(text);
    }

    private static void plain(XWPFDocument doc, String text) {
        doc.createParagraph().createRun().setText(text);
    }

    // ------------------------------------------------------------------ PPTX

    static void writeAllHands(Path file) throws IOException {
        try (XMLSlideShow ppt = new XMLSlideShow()) {
            POIXMLProperties.CoreProperties core = ppt.getProperties().getCoreProperties();
            core.setTitle("Q3 2025 All-Hands");
            core.setCreator("Dana Whitfield");
            core.setCreated(Optional.of(fixedDate()));
            core.setModified(Optional.of(fixedDate()));

            XSLFSlideMaster master = ppt.getSlideMasters().get(0);
            XSLFSlideLayout titleLayout = master.getLayout(SlideLayout.TITLE);
            XSLFSlideLayout contentLayout = master.getLayout(SlideLayout.TITLE_AND_CONTENT);

            XSLFSlide first = ppt.createSlide(titleLayout);
            first.getPlaceholder(0).setText("Q3 2025 All-Hands");
            first.getPlaceholder(1).setText("Larkspur Robotics, 9 October 2025. Presented by Dana Whitfield, CEO.");

            slide(
                    ppt,
                    contentLayout,
                    "Q3 2025 Results",
                    "Q3 2025 revenue was $18.4 million, up 22 percent from Q3 2024.",
                    "We shipped 640 Tern T2 robots in Q3 2025.",
                    "Gross margin for the quarter was 41 percent.");
            slide(
                    ppt,
                    contentLayout,
                    "Customers",
                    "We signed 14 new customers in Q3 2025.",
                    "Our largest new contract is with Hollis Home Goods for 260 robots across 3 distribution centres.",
                    "Customer retention over the last twelve months is 96 percent.");
            slide(
                    ppt,
                    contentLayout,
                    "Product Roadmap",
                    "The Tern T3 will launch in March 2026 with a maximum payload of 300 kg.",
                    "Heron 5.0 adds multi-site dashboards and will be released in January 2026.",
                    "Firmware updates will move from a monthly to a fortnightly release cycle in Q4 2025.");
            slide(
                    ppt,
                    contentLayout,
                    "People",
                    "Headcount reached 431 employees on 30 September 2025.",
                    "We plan to hire 35 engineers in Q4 2025, most of them in Munich.",
                    "Our employee engagement score rose from 71 to 78 out of 100.");
            slide(
                    ppt,
                    contentLayout,
                    "Questions and Answers",
                    "Questions for the leadership team can be submitted anonymously in the #ask-leadership channel until 16 October 2025.",
                    "Answers will be published on the intranet within one week.");

            try (OutputStream os = Files.newOutputStream(file)) {
                ppt.write(os);
            }
        }
        normalizeZip(file);
    }

    private static void slide(XMLSlideShow ppt, XSLFSlideLayout layout, String title, String... bullets) {
        XSLFSlide slide = ppt.createSlide(layout);
        slide.getPlaceholder(0).setText(title);
        XSLFTextShape body = slide.getPlaceholder(1);
        body.clearText();
        for (String bullet : bullets) {
            var run = body.addNewTextParagraph().addNewTextRun();
            run.setText(bullet);
            run.setFontSize(24.0);
        }
    }

    // ------------------------------------------------------------------ XLSX

    static void writePriceList(Path file) throws IOException {
        Object[][] rows = {
            {"Part Number", "Description", "Compatible Models", "Unit Price (USD)", "Lead Time (days)", "In Stock"},
            {"LR-1001", "Drive wheel assembly", "Tern T1, Tern T2", 420, 5, "Yes"},
            {"LR-1002", "Caster wheel", "Tern T1, Tern T2", 65, 3, "Yes"},
            {"LR-1010", "Lithium battery pack 48 V 40 Ah", "Tern T2", 2150, 14, "Yes"},
            {"LR-1011", "Battery charging contacts (pair)", "Tern T2", 48, 3, "Yes"},
            {"LR-1020", "360-degree lidar sensor", "Tern T2", 1890, 21, "No"},
            {"LR-1021", "Depth camera module", "Tern T2", 740, 10, "Yes"},
            {"LR-1030", "Emergency stop button", "Tern T1, Tern T2", 55, 2, "Yes"},
            {"LR-1031", "Front safety bumper strip", "Tern T2", 130, 7, "Yes"},
            {"LR-1040", "Main controller board", "Tern T2", 1275, 28, "No"},
            {"LR-1041", "Motor driver board", "Tern T2", 610, 14, "Yes"},
            {"LR-1050", "Lift actuator", "Tern T2", 980, 21, "Yes"},
            {"LR-1051", "Lift top plate", "Tern T2", 210, 7, "Yes"},
            {"LR-1060", "Status light ring", "Tern T2", 95, 5, "Yes"},
            {"LR-1061", "Wi-Fi 6 antenna kit", "Tern T2", 72, 3, "Yes"},
            {"LR-2001", "Dock 2 charger", "Tern T2", 1640, 10, "Yes"},
            {"LR-2002", "Dock 2 power supply unit", "Tern T2", 385, 7, "Yes"},
            {"LR-2003", "Dock floor mounting kit", "Tern T1, Tern T2", 90, 5, "Yes"},
            {"LR-3001", "Tote adapter frame", "Tern T2", 340, 14, "Yes"},
            {"LR-3002", "Rack docking pins (set of 4)", "Tern T1, Tern T2", 44, 3, "Yes"},
            {"LR-9001", "Annual maintenance kit", "Tern T2", 265, 5, "Yes"},
        };
        writeWorkbook(
                file,
                "Spare Parts 2025",
                "Spare Parts Price List 2025",
                rows,
                new int[] {14, 34, 20, 18, 18, 10},
                null);
    }

    static void writeSalaryBands(Path file) throws IOException {
        Object[][] rows = {
            {
                "Level",
                "Example Titles",
                "Band Minimum (USD)",
                "Band Midpoint (USD)",
                "Band Maximum (USD)",
                "Annual Bonus Target"
            },
            {"L1", "Associate Engineer; Support Technician", 68000, 78000, 88000, "5%"},
            {"L2", "Engineer; Support Engineer", 86000, 99000, 112000, "8%"},
            {"L3", "Senior Engineer; Product Designer", 108000, 124000, 140000, "10%"},
            {"L4", "Staff Engineer; Engineering Manager", 135000, 155000, 175000, "12%"},
            {"L5", "Principal Engineer; Senior Manager", 165000, 190000, 215000, "15%"},
            {"L6", "Director", 195000, 225000, 255000, "20%"},
            {"L7", "Vice President", 240000, 280000, 320000, "25%"},
        };
        Object[][] notes = {
            {"Note"},
            {"These salary bands apply to employees based in the United States from 1 April 2025."},
            {"Salary bands for the Munich office are published separately in euros."},
            {"Offers above the band midpoint require approval from the Vice President of People."},
        };
        writeWorkbook(
                file,
                "Salary Bands 2025",
                "Salary Bands 2025 (Restricted)",
                rows,
                new int[] {8, 38, 20, 20, 20, 20},
                notes);
    }

    private static void writeWorkbook(
            Path file, String sheetName, String docTitle, Object[][] rows, int[] widths, Object[][] notes)
            throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            POIXMLProperties.CoreProperties core = wb.getProperties().getCoreProperties();
            core.setTitle(docTitle);
            core.setCreator(AUTHOR);
            core.setCreated(Optional.of(fixedDate()));
            core.setModified(Optional.of(fixedDate()));

            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            CellStyle header = wb.createCellStyle();
            header.setFont(boldFont);

            fillSheet(wb.createSheet(sheetName), rows, header, widths);
            if (notes != null) {
                fillSheet(wb.createSheet("Notes"), notes, header, new int[] {90});
            }
            try (OutputStream os = Files.newOutputStream(file)) {
                wb.write(os);
            }
        }
        normalizeZip(file);
    }

    private static void fillSheet(XSSFSheet sheet, Object[][] rows, CellStyle header, int[] widths) {
        for (int r = 0; r < rows.length; r++) {
            XSSFRow row = sheet.createRow(r);
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                var cell = row.createCell(c);
                if (value instanceof Integer i) {
                    cell.setCellValue(i.doubleValue());
                } else {
                    cell.setCellValue(value.toString());
                }
                if (r == 0) {
                    cell.setCellStyle(header);
                }
            }
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    // ------------------------------------------------------------------ ODT

    static void writeWarrantyOdt(Path file) throws IOException {
        StringBuilder body = new StringBuilder();
        odtHeading(body, 1, "Warranty and Returns Policy for Tern Robots");
        odtPara(
                body,
                "This policy applies to Tern robots and spare parts bought directly from Larkspur Robotics from 1 January 2025.");
        odtHeading(body, 2, "Standard warranty");
        odtPara(body, "Every new Tern T2 robot comes with a standard warranty of 24 months from the delivery date.");
        odtPara(
                body,
                "The standard warranty covers defects in materials and workmanship, including the drive train, the sensors and the controller boards.");
        odtPara(
                body,
                "The warranty does not cover damage caused by collisions with forklifts, flooding, or unauthorised modifications.");
        odtHeading(body, 2, "Extended warranty: Larkspur Care+");
        odtPara(
                body,
                "Customers can buy the Larkspur Care+ extended warranty, which extends coverage to 5 years in total.");
        odtPara(body, "Larkspur Care+ costs 9 percent of the robot's list price for each additional year of coverage.");
        odtPara(
                body,
                "Larkspur Care+ includes next-business-day on-site repair in the United States, Canada and the European Union.");
        odtHeading(body, 2, "Coverage at a glance");
        odtTable(body, new String[][] {
            {"Component", "Standard warranty", "With Larkspur Care+"},
            {"Drive train and chassis", "24 months", "5 years"},
            {"Sensors and controller boards", "24 months", "5 years"},
            {"Battery pack", "18 months or 1,500 charge cycles", "3 years or 3,000 charge cycles"},
            {"Dock 2 charger", "12 months", "3 years"},
        });
        odtHeading(body, 2, "Returns");
        odtPara(
                body,
                "Spare parts that are unused and in their original packaging can be returned within 30 days for a full refund.");
        odtPara(
                body,
                "A return merchandise authorisation (RMA) number must be requested from customer support before any part is shipped back.");
        odtPara(
                body,
                "Defective parts that were replaced under warranty must be sent back within 15 days, otherwise the replacement part is invoiced at the price list rate.");

        String ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document-content " + ns + " office:version=\"1.3\">\n"
                + "<office:automatic-styles>"
                + "<style:style style:name=\"TableHeader\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\">"
                + "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
                + "</office:automatic-styles>\n"
                + "<office:body><office:text>\n" + body + "</office:text></office:body>\n"
                + "</office:document-content>\n";
        String styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document-styles " + ns + " office:version=\"1.3\"><office:styles>"
                + "<style:default-style style:family=\"paragraph\"><style:text-properties fo:font-size=\"11pt\"/></style:default-style>"
                + "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>"
                + "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
                + "<style:paragraph-properties fo:margin-bottom=\"0.25cm\"/></style:style>"
                + "<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" style:class=\"text\">"
                + "<style:paragraph-properties fo:margin-top=\"0.42cm\" fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"/></style:style>"
                + "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"1\" style:class=\"text\">"
                + "<style:text-properties fo:font-size=\"18pt\" fo:font-weight=\"bold\"/></style:style>"
                + "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"2\" style:class=\"text\">"
                + "<style:text-properties fo:font-size=\"14pt\" fo:font-weight=\"bold\"/></style:style>"
                + "<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"/>"
                + "</office:styles></office:document-styles>\n";
        String meta = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:meta>"
                + "<dc:title>Warranty and Returns Policy for Tern Robots</dc:title>"
                + "<dc:creator>" + AUTHOR + "</dc:creator>"
                + "<meta:creation-date>2025-10-01T09:00:00</meta:creation-date>"
                + "<dc:language>en-US</dc:language>"
                + "<meta:generator>Verity SampleCorpusWriter</meta:generator>"
                + "</office:meta></office:document-meta>\n";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n"
                + " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
                + " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
                + "</manifest:manifest>\n";
        writeZip(
                file,
                List.of(
                        entry("mimetype", "application/vnd.oasis.opendocument.text"),
                        entry("content.xml", content),
                        entry("styles.xml", styles),
                        entry("meta.xml", meta),
                        entry("META-INF/manifest.xml", manifest)));
    }

    private static void odtHeading(StringBuilder sb, int level, String text) {
        sb.append("<text:h text:style-name=\"Heading_20_")
                .append(level)
                .append("\" text:outline-level=\"")
                .append(level)
                .append("\">")
                .append(xml(text))
                .append("</text:h>\n");
    }

    private static void odtPara(StringBuilder sb, String text) {
        sb.append("<text:p text:style-name=\"Text_20_body\">").append(xml(text)).append("</text:p>\n");
    }

    private static void odtTable(StringBuilder sb, String[][] rows) {
        sb.append("<table:table table:name=\"Coverage\">");
        sb.append("<table:table-column table:number-columns-repeated=\"")
                .append(rows[0].length)
                .append("\"/>");
        for (int r = 0; r < rows.length; r++) {
            if (r == 0) {
                sb.append("<table:table-header-rows>");
            }
            sb.append("<table:table-row>");
            for (String cell : rows[r]) {
                sb.append("<table:table-cell office:value-type=\"string\"><text:p text:style-name=\"")
                        .append(r == 0 ? "TableHeader" : "Table_20_Contents")
                        .append("\">")
                        .append(xml(cell))
                        .append("</text:p></table:table-cell>");
            }
            sb.append("</table:table-row>");
            if (r == 0) {
                sb.append("</table:table-header-rows>");
            }
        }
        sb.append("</table:table>\n");
    }

    // ------------------------------------------------------------------ EPUB

    static void writeQuickstartEpub(Path file) throws IOException {
        String bookTitle = "Tern T2 Operator Quickstart";
        List<String[]> chapters = List.of(
                new String[] {
                    "Unboxing and First Start",
                    "This quickstart is for warehouse operators who work with Tern T2 robots every day.",
                    "Two people are needed to lift a Tern T2 out of its shipping crate.",
                    "Remove the orange transport lock from the lift actuator before you power on the robot for the first time.",
                    "To power on a Tern T2, press and hold the green power button for 3 seconds.",
                    "The status light ring glows solid blue when the robot is ready to accept a mission."
                },
                new String[] {
                    "Daily Checks",
                    "At the start of every shift, wipe the lidar windows with a dry microfibre cloth.",
                    "Check that the drive wheels are free of shrink wrap, tape and other debris.",
                    "A flashing amber status light means the battery is below 15 percent and the robot is returning to its dock.",
                    "A solid red status light means that one of the emergency stop buttons has been pressed.",
                    "To resume after an emergency stop, twist the red button clockwise to release it and confirm the restart in the Heron app."
                },
                new String[] {
                    "Getting Help",
                    "If a robot shows a fault code, note the code before you restart the robot.",
                    "Operators can contact Larkspur support directly from the Heron app by tapping Help and then Contact support.",
                    "Never open the robot's side panels yourself, because only certified technicians may service the battery compartment."
                });

        List<ZipItem> items = new ArrayList<>();
        items.add(entry("mimetype", "application/epub+zip"));
        items.add(entry("META-INF/container.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                  <rootfiles>
                    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                  </rootfiles>
                </container>
                """));
        StringBuilder manifest = new StringBuilder();
        StringBuilder spine = new StringBuilder();
        StringBuilder navList = new StringBuilder();
        StringBuilder ncxPoints = new StringBuilder();
        for (int i = 0; i < chapters.size(); i++) {
            String[] chapter = chapters.get(i);
            String id = "chapter" + (i + 1);
            String name = id + ".xhtml";
            String heading = "Chapter " + (i + 1) + ": " + chapter[0];
            StringBuilder xhtml = new StringBuilder();
            xhtml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                    .append(
                            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\" xml:lang=\"en\">\n")
                    .append("<head><title>")
                    .append(xml(heading))
                    .append("</title></head>\n<body>\n<section epub:type=\"chapter\">\n")
                    .append("<h1>")
                    .append(xml(heading))
                    .append("</h1>\n");
            for (int p = 1; p < chapter.length; p++) {
                xhtml.append("<p>").append(xml(chapter[p])).append("</p>\n");
            }
            xhtml.append("</section>\n</body>\n</html>\n");
            items.add(entry("OEBPS/" + name, xhtml.toString()));
            manifest.append("    <item id=\"")
                    .append(id)
                    .append("\" href=\"")
                    .append(name)
                    .append("\" media-type=\"application/xhtml+xml\"/>\n");
            spine.append("    <itemref idref=\"").append(id).append("\"/>\n");
            navList.append("      <li><a href=\"")
                    .append(name)
                    .append("\">")
                    .append(xml(heading))
                    .append("</a></li>\n");
            ncxPoints
                    .append("    <navPoint id=\"nav")
                    .append(i + 1)
                    .append("\" playOrder=\"")
                    .append(i + 1)
                    .append("\">")
                    .append("<navLabel><text>")
                    .append(xml(heading))
                    .append("</text></navLabel>")
                    .append("<content src=\"")
                    .append(name)
                    .append("\"/></navPoint>\n");
        }
        items.add(entry("OEBPS/nav.xhtml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
                <head><title>Contents</title></head>
                <body>
                  <nav epub:type="toc" id="toc">
                    <h1>Contents</h1>
                    <ol>
                %s    </ol>
                  </nav>
                </body>
                </html>
                """.formatted(navList)));
        items.add(entry("OEBPS/toc.ncx", """
                <?xml version="1.0" encoding="UTF-8"?>
                <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
                  <head><meta name="dtb:uid" content="urn:uuid:6f1c2a4e-8b1d-4c5e-9a77-3d2b1e0f5a10"/></head>
                  <docTitle><text>%s</text></docTitle>
                  <navMap>
                %s  </navMap>
                </ncx>
                """.formatted(bookTitle, ncxPoints)));
        items.add(entry("OEBPS/content.opf", """
                <?xml version="1.0" encoding="UTF-8"?>
                <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="en">
                  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:identifier id="bookid">urn:uuid:6f1c2a4e-8b1d-4c5e-9a77-3d2b1e0f5a10</dc:identifier>
                    <dc:title>%s</dc:title>
                    <dc:creator>%s</dc:creator>
                    <dc:language>en</dc:language>
                    <meta property="dcterms:modified">2025-10-01T09:00:00Z</meta>
                  </metadata>
                  <manifest>
                    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
                    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
                %s  </manifest>
                  <spine toc="ncx">
                %s  </spine>
                </package>
                """.formatted(bookTitle, AUTHOR, manifest, spine)));
        writeZip(file, items);
    }

    // ------------------------------------------------------------------ zip helpers

    private record ZipItem(String name, byte[] data) {}

    private static ZipItem entry(String name, String text) {
        return new ZipItem(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a zip whose first entry, if it is named {@code mimetype}, is stored uncompressed. */
    private static void writeZip(Path file, List<ZipItem> items) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (ZipItem item : items) {
                ZipEntry e = new ZipEntry(item.name());
                e.setTimeLocal(FIXED_TIME);
                if (item.name().equals("mimetype")) {
                    CRC32 crc = new CRC32();
                    crc.update(item.data());
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(item.data().length);
                    e.setCompressedSize(item.data().length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(item.data());
                zip.closeEntry();
            }
        }
    }

    /** Rewrites a zip-based file with fixed entry times, keeping the entries and their order. */
    private static void normalizeZip(Path file) throws IOException {
        List<ZipItem> items = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                in.transferTo(data);
                items.add(new ZipItem(e.getName(), data.toByteArray()));
            }
        }
        writeZip(file, items);
    }

    // ------------------------------------------------------------------ misc helpers

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static Date fixedDate() {
        return Date.from(FIXED_TIME.toInstant(ZoneOffset.UTC));
    }

    private static Calendar fixedCalendar() {
        Calendar cal = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        cal.setTime(fixedDate());
        return cal;
    }

    private static byte[] md5(String text) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
