package dev.verity.ingestion.chunking;

import dev.verity.document.Block;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentKind;
import dev.verity.document.Location;
import dev.verity.document.ParsedDocument;
import dev.verity.document.Span;
import dev.verity.embedding.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The default {@link Chunker}: cuts along the document's own structure under a token budget.
 *
 * <ol>
 *   <li>A heading closes the current chunk and becomes part of the section path of what follows. The headings of a
 *       page (or slide) that holds nothing else, such as a title slide, are a chunk of their own.
 *   <li>Paragraphs and list items are packed whole while they fit; one that does not fit alone is split at sentence
 *       boundaries, and a sentence that does not fit alone at word boundaries.
 *   <li>Tables are cut by rows ({@link TableChunker}): every chunk repeats the header, a row is never split.
 *   <li>A chunk never spans two pages (or slides), so its citation names the exact page.
 *   <li>A chunk on a page read by OCR carries that page's OCR confidence ({@link Location#ocrConfidence()}).
 *   <li>A note (comment, speaker notes, header, footer, chart, SmartArt, PDF annotation, form field) is cut into
 *       chunks of its own, {@link ChunkKind#NOTE}, never packed with body text or with another note; its label
 *       ({@link Location#passage()}, e.g. "comment by Ana Berg") ends the context line, so it is searchable too.
 *   <li>The strategy follows the {@link DocumentKind}: prose and spreadsheets as above; slide chunks are
 *       {@link ChunkKind#SLIDE}; e-mail chunks carry the message's subject, sender, recipients and date as context.
 * </ol>
 *
 * The chunk text is always a verbatim slice of the document text (table chunks: header line plus a verbatim slice of
 * rows), so quotes can be verified against it. The context line (title and heading path, or e-mail headers) is kept
 * apart and only prepended for search and embedding.
 */
public final class StructureAwareChunker implements Chunker {
    /** Room for the model's special tokens ([CLS], [SEP]). */
    private static final int SPECIAL_TOKENS = 2;
    /** Never squeeze text below this many tokens, even when the context line is long. */
    private static final int MIN_TEXT_BUDGET = 16;

    private final TokenCounter tokens;
    private final ChunkingSettings settings;

    public StructureAwareChunker(TokenCounter tokens, ChunkingSettings settings) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public List<ChunkDraft> chunk(ParsedDocument document) {
        List<ChunkDraft> drafts = new Run(document).run();
        if (document.quality().ocr().isEmpty()) {
            return drafts;
        }
        List<ChunkDraft> withConfidence = new ArrayList<>(drafts.size());
        for (ChunkDraft d : drafts) {
            Location at = d.location();
            withConfidence.add(new ChunkDraft(
                    d.kind(),
                    d.text(),
                    d.context(),
                    at.withOcrConfidence(document.quality().ocrConfidence(at.pageStart(), at.pageEnd())),
                    d.tokenCount()));
        }
        return withConfidence;
    }

    /** The state of chunking one document. */
    private final class Run {
        private final ParsedDocument doc;
        private final List<ChunkDraft> out = new ArrayList<>();
        private final List<Block.Heading> headings = new ArrayList<>();
        private final List<Unit> pending = new ArrayList<>();
        private int pendingTokens;
        private String context = "";
        private int contextTokens;
        /** The page of the blocks being read, its headings, and whether it holds anything but headings. */
        private int page = -1;

        private final List<Block.Heading> pageHeadings = new ArrayList<>();
        private boolean pageHasText;
        /** The label of the note being chunked; empty for body text. */
        private String passage = "";

        Run(ParsedDocument doc) {
            this.doc = doc;
            updateContext();
        }

        List<ChunkDraft> run() {
            for (Block block : doc.blocks()) {
                if (block.page() != page) {
                    endPage();
                    page = block.page();
                }
                pageHasText |= !(block instanceof Block.Heading);
                switch (block) {
                    case Block.Heading heading -> {
                        flush();
                        headings.removeIf(h -> h.level() >= heading.level());
                        headings.add(heading);
                        pageHeadings.add(heading);
                        updateContext();
                    }
                    case Block.Paragraph p -> addText(p.span(), p.page());
                    case Block.ListItem item -> addText(item.span(), item.page());
                    case Block.Note note -> {
                        flush();
                        passage = note.label();
                        updateContext();
                        addText(note.span(), note.page());
                        flush();
                        passage = "";
                        updateContext();
                    }
                    case Block.Table table -> {
                        flush();
                        out.addAll(new TableChunker(tokens)
                                .chunk(
                                        doc.text(),
                                        table,
                                        tableContext(table),
                                        sectionPath(),
                                        textBudget(),
                                        contextTokens));
                    }
                }
            }
            endPage();
            flush();
            return out;
        }

        /**
         * A page (or slide, or a document without pages) whose only text is headings, such as a title or section
         * slide, is a passage of its own: otherwise its words would live only in the context of what follows, and a
         * deck of titles would have nothing to index.
         */
        private void endPage() {
            if (!pageHasText && !pageHeadings.isEmpty()) {
                flush();
                addText(
                        new Span(
                                pageHeadings.getFirst().span().start(),
                                pageHeadings.getLast().span().end()),
                        page);
                flush();
            }
            pageHeadings.clear();
            pageHasText = false;
        }

        private void addText(Span span, int page) {
            if (!pending.isEmpty() && pending.getLast().page() != page) {
                flush(); // a chunk never spans two pages or slides, so a citation names the exact page
            }
            for (Unit unit : split(span, page)) {
                if (!pending.isEmpty() && pendingTokens + unit.tokens() > textBudget()) {
                    flush();
                }
                pending.add(unit);
                pendingTokens += unit.tokens();
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            Span span = new Span(
                    pending.getFirst().span().start(), pending.getLast().span().end());
            int first = pending.stream()
                    .mapToInt(Unit::page)
                    .filter(p -> p > 0)
                    .min()
                    .orElse(0);
            int last = pending.stream().mapToInt(Unit::page).max().orElse(0);
            String text = doc.text().substring(span.start(), span.end());
            out.add(new ChunkDraft(
                    kind(),
                    text,
                    context,
                    new Location(first, Math.max(first, last), sectionPath(), span).withPassage(passage),
                    contextTokens + pendingTokens));
            pending.clear();
            pendingTokens = 0;
        }

        private ChunkKind kind() {
            if (!passage.isEmpty()) {
                return ChunkKind.NOTE;
            }
            return switch (doc.kind()) {
                case PROSE, TABLES -> ChunkKind.PROSE;
                case SLIDES -> ChunkKind.SLIDE;
                case EMAIL -> ChunkKind.EMAIL;
            };
        }

        private List<String> sectionPath() {
            return headings.stream().map(Block.Heading::text).toList();
        }

        private void updateContext() {
            List<String> parts = new ArrayList<>();
            if (doc.kind() == DocumentKind.EMAIL) {
                doc.headers().forEach((name, value) -> parts.add(name + ": " + value));
                parts.addAll(sectionPath());
                context = String.join(" | ", parts);
            } else {
                if (!doc.title().isEmpty()) {
                    parts.add(doc.title());
                }
                for (String heading : sectionPath()) {
                    if (!parts.contains(heading)) {
                        parts.add(heading);
                    }
                }
                context = String.join(" > ", parts);
            }
            if (!passage.isEmpty()) {
                context = context.isEmpty()
                        ? passage
                        : context + (doc.kind() == DocumentKind.EMAIL ? " | " : " > ") + passage;
            }
            contextTokens = context.isEmpty() ? 0 : tokens.count(context);
        }

        private String tableContext(Block.Table table) {
            if (table.name().isEmpty() || context.contains(table.name())) {
                return context;
            }
            return context.isEmpty() ? table.name() : context + " > " + table.name();
        }

        private int textBudget() {
            return Math.max(MIN_TEXT_BUDGET, settings.maxTokens() - contextTokens - SPECIAL_TOKENS);
        }

        /** One block as units that each fit the budget: the whole block, its sentences, or word windows. */
        private List<Unit> split(Span span, int page) {
            String blockText = doc.text().substring(span.start(), span.end());
            int count = tokens.count(blockText);
            if (count <= textBudget()) {
                return List.of(new Unit(span, page, count));
            }
            List<Unit> units = new ArrayList<>();
            BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
            sentences.setText(blockText);
            for (int start = sentences.first(), end = sentences.next();
                    end != BreakIterator.DONE;
                    start = end, end = sentences.next()) {
                Span sentence = trimmed(span.start() + start, span.start() + end);
                if (sentence.length() == 0) {
                    continue;
                }
                int sentenceTokens = tokens.count(doc.text().substring(sentence.start(), sentence.end()));
                if (sentenceTokens <= textBudget()) {
                    units.add(new Unit(sentence, page, sentenceTokens));
                } else {
                    units.addAll(wordWindows(sentence, page));
                }
            }
            return units;
        }

        private List<Unit> wordWindows(Span sentence, int page) {
            List<Unit> windows = new ArrayList<>();
            String text = doc.text();
            int windowStart = -1;
            int windowEnd = -1;
            int windowTokens = 0;
            int i = sentence.start();
            while (i < sentence.end()) {
                while (i < sentence.end() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int wordStart = i;
                while (i < sentence.end() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (wordStart == i) {
                    break;
                }
                int wordTokens = tokens.count(text.substring(wordStart, i));
                if (windowStart >= 0 && windowTokens + wordTokens > textBudget()) {
                    windows.add(new Unit(new Span(windowStart, windowEnd), page, windowTokens));
                    windowStart = -1;
                    windowTokens = 0;
                }
                if (windowStart < 0) {
                    windowStart = wordStart;
                }
                windowEnd = i;
                windowTokens += wordTokens;
            }
            if (windowStart >= 0) {
                windows.add(new Unit(new Span(windowStart, windowEnd), page, windowTokens));
            }
            return windows;
        }

        private Span trimmed(int start, int end) {
            String text = doc.text();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return new Span(start, end);
        }
    }

    /** A piece of text that fits the budget on its own. */
    private record Unit(Span span, int page, int tokens) {}
}
