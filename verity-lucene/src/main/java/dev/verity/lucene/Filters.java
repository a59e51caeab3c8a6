package dev.verity.lucene;

import dev.verity.index.SearchFilter;
import java.time.Instant;
import java.util.Set;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Translates a {@link SearchFilter} into one Lucene query that both legs use as a filter. */
final class Filters {
    private Filters() {}

    static Query toQuery(SearchFilter filter) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkFields.TENANT, filter.tenant())), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkFields.COLLECTION, filter.collection())), Occur.FILTER);

        BooleanQuery.Builder access =
                new BooleanQuery.Builder().add(new TermQuery(new Term(ChunkFields.PUBLIC, "true")), Occur.SHOULD);
        if (!filter.principals().isEmpty()) {
            access.add(anyOf(ChunkFields.ACL, filter.principals()), Occur.SHOULD);
        }
        query.add(access.build(), Occur.FILTER);

        if (!filter.sources().isEmpty()) {
            query.add(anyOf(ChunkFields.SOURCE, filter.sources()), Occur.FILTER);
        }
        if (!filter.mediaTypes().isEmpty()) {
            query.add(anyOf(ChunkFields.MEDIA_TYPE, filter.mediaTypes()), Occur.FILTER);
        }
        if (!filter.languages().isEmpty()) {
            query.add(anyOf(ChunkFields.LANGUAGE, filter.languages()), Occur.FILTER);
        }
        if (filter.ingestedFrom().isPresent() || filter.ingestedTo().isPresent()) {
            long from = filter.ingestedFrom().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            // ingestedTo is exclusive; the range query's bounds are inclusive
            long to = filter.ingestedTo().map(t -> t.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            query.add(LongField.newRangeQuery(ChunkFields.INGESTED_AT, from, to), Occur.FILTER);
        }
        return query.build();
    }

    private static Query anyOf(String field, Set<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
}
