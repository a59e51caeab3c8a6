package dev.verity.app.sync;

import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentInfo;
import dev.verity.ingestion.IngestOptions;
import dev.verity.ingestion.sync.FolderSource;
import dev.verity.ingestion.sync.SourceListing;
import dev.verity.ingestion.sync.SyncEntry;
import dev.verity.ingestion.sync.SyncPlan;
import dev.verity.ingestion.sync.SyncState;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Steps 1 and 2 of {@code verity sync}: list the folder or crawl the site, then plan against the collection. Step 3,
 * running the plan, is {@link SyncService#run}.
 *
 * @param root the folder (absolute) or start URL the documents are recorded under
 * @param listing what the source holds now
 * @param plan what running it will do
 * @param disallowed pages robots.txt kept the sync from fetching
 */
public record SyncSource(String root, SourceListing listing, SyncPlan plan, List<String> disallowed) {
    private static final Pattern URL = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://.*");

    public SyncSource {
        disallowed = List.copyOf(disallowed);
    }

    /** True when {@code source} names a URL (of any scheme: only http and https are then accepted). */
    public static boolean isUrl(String source) {
        return URL.matcher(source).matches();
    }

    /**
     * @param source a folder, or an http(s) URL
     * @param downloads where web pages are saved; the caller deletes it once the plan has run
     */
    static SyncSource prepare(
            DocumentStore documents,
            SyncState state,
            String source,
            IngestOptions options,
            WebSettings web,
            Path downloads)
            throws NoSuchFileException {
        List<DocumentInfo> indexed = documents.list(options.tenant(), options.collection()).stream()
                .map(DocumentRecord::info)
                .toList();
        String root;
        SourceListing listing;
        List<String> disallowed = List.of();
        if (isUrl(source)) {
            URI url = WebSource.startUrl(source);
            root = url.toString();
            Map<String, SyncEntry> owned = state.entries(options.tenant(), options.collection(), root).stream()
                    .collect(Collectors.toMap(SyncEntry::source, Function.identity()));
            Map<String, String> shas = indexed.stream()
                    .collect(Collectors.toMap(DocumentInfo::source, DocumentInfo::contentSha256, (a, b) -> a));
            WebSource.Crawl crawl =
                    new WebSource(web).crawl(url, owned, s -> Optional.ofNullable(shas.get(s)), downloads);
            listing = crawl.listing();
            disallowed = crawl.disallowed();
        } else {
            Path folder = Path.of(source);
            root = FolderSource.root(folder);
            listing = FolderSource.scan(folder);
        }
        List<SyncEntry> owned = state.entries(options.tenant(), options.collection(), root);
        SyncPlan plan =
                SyncPlan.compute(options.collection(), listing.found(), owned, indexed, options.acl(), listing.keep());
        return new SyncSource(root, listing, plan, disallowed);
    }
}
