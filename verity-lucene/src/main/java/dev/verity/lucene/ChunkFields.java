package dev.verity.lucene;

import dev.verity.document.Chunk;
import dev.verity.document.ChunkKind;
import dev.verity.document.DocumentInfo;
import dev.verity.document.Location;
import dev.verity.document.Span;
import dev.verity.guardrails.GuardVerdict;
import dev.verity.index.IndexedChunk;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The mapping between a {@link Chunk} and a Lucene document: one Lucene document per chunk. */
final class ChunkFields {
    static final String CHUNK_ID = "chunk_id";
    static final String DOC_ID = "doc_id";
    static final String TENANT = "tenant";
    static final String COLLECTION = "collection";
    static final String ACL = "acl";
    /** "true" on chunks of documents without ACL: visible to everyone in the collection. */
    static final String PUBLIC = "public";

    static final String SOURCE = "source";
    static final String MEDIA_TYPE = "media_type";
    static final String LANGUAGE = "language";
    static final String INGESTED_AT = "ingested_at";
    /** The searchable text: context line plus chunk text, analyzed for BM25. */
    static final String SEARCH_TEXT = "text";

    static final String VECTOR = "vector";
    /** "true" on chunks written before their embedding: the durable record of the embedding backlog. */
    static final String AWAITING_VECTOR = "awaiting_vector";

    static final String ORDINAL = "ordinal";

    static final String VERSION = "doc_version";
    private static final String TITLE = "title";
    static final String SHA256 = "doc_sha256";
    private static final String KIND = "kind";
    private static final String TEXT_STORED = "chunk_text";
    private static final String CONTEXT = "context";
    private static final String PAGE_START = "page_start";
    private static final String PAGE_END = "page_end";
    private static final String SECTION = "section";
    private static final String CHAR_START = "char_start";
    private static final String CHAR_END = "char_end";
    private static final String CONTENT_HASH = "content_hash";
    private static final String TOKENS = "tokens";
    /** Present only on chunks read by OCR. */
    private static final String OCR_CONFIDENCE = "ocr_confidence";
    /** Present only on chunks that are not body text: what they are, e.g. "comment by Ana Berg". */
    private static final String PASSAGE = "passage";

    static final String TRUE = "true";
    /** The ingestion guard's verdict: who decided, the action (indexed, for filters) and the labels. */
    static final String GUARD_ACTION = "guard_action";

    private static final String GUARD = "guard";
    private static final String GUARD_LABELS = "guard_labels";
    /** Unit separator: cannot occur in normalized heading text. */
    private static final String SECTION_SEPARATOR = "\u001F";

    private ChunkFields() {}

    static Document toDocument(IndexedChunk indexed) {
        Chunk chunk = indexed.chunk();
        float[] vector = indexed.vector();
        DocumentInfo info = chunk.document();
        Document doc = new Document();
        doc.add(new StringField(CHUNK_ID, chunk.id(), Field.Store.YES));
        doc.add(new StringField(DOC_ID, info.id(), Field.Store.YES));
        doc.add(new StoredField(VERSION, info.version()));
        doc.add(new StringField(TENANT, info.tenant(), Field.Store.YES));
        doc.add(new StringField(COLLECTION, info.collection(), Field.Store.YES));
        for (String principal : info.acl()) {
            doc.add(new StringField(ACL, principal, Field.Store.YES));
        }
        if (info.isPublic()) {
            doc.add(new StringField(PUBLIC, TRUE, Field.Store.NO));
        }
        doc.add(new StringField(SOURCE, info.source(), Field.Store.YES));
        doc.add(new StoredField(TITLE, info.title()));
        doc.add(new StringField(MEDIA_TYPE, info.mediaType(), Field.Store.YES));
        doc.add(new StringField(LANGUAGE, info.language(), Field.Store.YES));
        doc.add(new StoredField(SHA256, info.contentSha256()));
        doc.add(new LongField(INGESTED_AT, info.ingestedAt().toEpochMilli(), Field.Store.YES));
        doc.add(new IntField(ORDINAL, chunk.ordinal(), Field.Store.YES));
        doc.add(new StoredField(KIND, chunk.kind().name()));
        doc.add(new TextField(SEARCH_TEXT, chunk.searchText(), Field.Store.NO));
        doc.add(new StoredField(TEXT_STORED, chunk.text()));
        doc.add(new StoredField(CONTEXT, chunk.context()));
        Location location = chunk.location();
        doc.add(new StoredField(PAGE_START, location.pageStart()));
        doc.add(new StoredField(PAGE_END, location.pageEnd()));
        doc.add(new StoredField(SECTION, String.join(SECTION_SEPARATOR, location.sectionPath())));
        doc.add(new StoredField(CHAR_START, location.span().start()));
        doc.add(new StoredField(CHAR_END, location.span().end()));
        doc.add(new StoredField(CONTENT_HASH, chunk.contentHash()));
        doc.add(new StoredField(TOKENS, chunk.tokenCount()));
        if (location.ocrConfidence().isPresent()) {
            doc.add(new StoredField(OCR_CONFIDENCE, location.ocrConfidence().getAsDouble()));
        }
        if (!location.passage().isEmpty()) {
            doc.add(new StoredField(PASSAGE, location.passage()));
        }
        if (indexed.hasVector()) {
            doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        } else {
            doc.add(new StringField(AWAITING_VECTOR, TRUE, Field.Store.NO));
        }
        GuardVerdict verdict = indexed.verdict();
        doc.add(new StoredField(GUARD, verdict.guard()));
        doc.add(new StringField(GUARD_ACTION, verdict.action().code(), Field.Store.YES));
        doc.add(new StoredField(GUARD_LABELS, String.join(SECTION_SEPARATOR, verdict.labels())));
        return doc;
    }

    /** The stored verdict; chunks indexed before the guard seam existed read as not scanned. */
    static GuardVerdict verdict(Document doc) {
        String guard = doc.get(GUARD);
        if (guard == null) {
            return GuardVerdict.NOT_SCANNED;
        }
        String labels = doc.get(GUARD_LABELS);
        return new GuardVerdict(
                guard,
                GuardVerdict.Action.valueOf(doc.get(GUARD_ACTION).toUpperCase(Locale.ROOT)),
                labels == null || labels.isEmpty() ? List.of() : List.of(labels.split(SECTION_SEPARATOR)));
    }

    static Chunk toChunk(Document doc) {
        DocumentInfo info = new DocumentInfo(
                doc.get(DOC_ID),
                intValue(doc, VERSION),
                doc.get(COLLECTION),
                doc.get(TENANT),
                Set.of(doc.getValues(ACL)),
                doc.get(SOURCE),
                doc.get(TITLE),
                doc.get(MEDIA_TYPE),
                doc.get(LANGUAGE),
                doc.get(SHA256),
                Instant.ofEpochMilli(doc.getField(INGESTED_AT).numericValue().longValue()));
        String section = doc.get(SECTION);
        List<String> sectionPath = section.isEmpty() ? List.of() : Arrays.asList(section.split(SECTION_SEPARATOR));
        Location location = new Location(
                intValue(doc, PAGE_START),
                intValue(doc, PAGE_END),
                sectionPath,
                new Span(intValue(doc, CHAR_START), intValue(doc, CHAR_END)),
                ocrConfidence(doc),
                doc.get(PASSAGE) == null ? "" : doc.get(PASSAGE));
        return new Chunk(
                doc.get(CHUNK_ID),
                info,
                intValue(doc, ORDINAL),
                ChunkKind.valueOf(doc.get(KIND)),
                doc.get(TEXT_STORED),
                doc.get(CONTEXT),
                location,
                doc.get(CONTENT_HASH),
                intValue(doc, TOKENS));
    }

    static int version(Document doc) {
        return intValue(doc, VERSION);
    }

    /** The hash of the chunk's search text (not of the document). */
    static String chunkContentHash(Document doc) {
        return doc.get(CONTENT_HASH);
    }

    static String contentSha256(Document doc) {
        return doc.get(SHA256);
    }

    private static OptionalDouble ocrConfidence(Document doc) {
        IndexableField f = doc.getField(OCR_CONFIDENCE);
        return f == null || f.numericValue() == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(f.numericValue().doubleValue());
    }

    private static int intValue(Document doc, String field) {
        IndexableField f = doc.getField(field);
        if (f == null || f.numericValue() == null) {
            throw new IllegalStateException("index document lacks the numeric field " + field
                    + "; the index was written by an incompatible version");
        }
        return f.numericValue().intValue();
    }
}
