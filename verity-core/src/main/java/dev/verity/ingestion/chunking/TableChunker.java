package dev.verity.ingestion.chunking;

import dev.verity.document.Block;
import dev.verity.document.ChunkKind;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.embedding.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a table into chunks of whole rows, each chunk starting with the header line, so that every row is read with
 * the names of its columns. A row over budget still forms a chunk of its own: rows are never split or dropped.
 */
final class TableChunker {
    private final TokenCounter tokens;

    TableChunker(TokenCounter tokens) {
        this.tokens = tokens;
    }

    List<ChunkDraft> chunk(
            String documentText,
            Block.Table table,
            String context,
            List<String> sectionPath,
            int textBudget,
            int baseContextTokens) {
        int contextTokens = context.isEmpty() ? 0 : tokens.count(context);
        int budget = Math.max(1, textBudget - Math.max(0, contextTokens - baseContextTokens));
        String header = table.headerLine();
        int headerTokens = tokens.count(header);
        List<ChunkDraft> drafts = new ArrayList<>();
        if (table.rows().isEmpty()) {
            drafts.add(draft(header, context, table, sectionPath, table.span(), contextTokens + headerTokens));
            return drafts;
        }
        List<Block.Row> group = new ArrayList<>();
        int groupTokens = headerTokens;
        boolean first = true;
        for (Block.Row row : table.rows()) {
            int rowTokens = tokens.count(row.line());
            if (!group.isEmpty() && groupTokens + rowTokens > budget) {
                drafts.add(groupDraft(
                        documentText, table, group, first, context, sectionPath, contextTokens + groupTokens));
                first = false;
                group.clear();
                groupTokens = headerTokens;
            }
            group.add(row);
            groupTokens += rowTokens;
        }
        drafts.add(groupDraft(documentText, table, group, first, context, sectionPath, contextTokens + groupTokens));
        return drafts;
    }

    private ChunkDraft groupDraft(
            String documentText,
            Block.Table table,
            List<Block.Row> rows,
            boolean first,
            String context,
            List<String> sectionPath,
            int tokenCount) {
        int start = first ? table.span().start() : rows.getFirst().span().start();
        Span span = new Span(start, rows.getLast().span().end());
        String rowsText = documentText.substring(rows.getFirst().span().start(), span.end());
        return draft(table.headerLine() + "\n" + rowsText, context, table, sectionPath, span, tokenCount);
    }

    private static ChunkDraft draft(
            String text, String context, Block.Table table, List<String> sectionPath, Span span, int tokenCount) {
        return new ChunkDraft(
                ChunkKind.TABLE,
                text,
                context,
                new Location(table.page(), table.page(), sectionPath, span),
                tokenCount);
    }
}
