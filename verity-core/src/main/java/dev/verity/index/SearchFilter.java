package dev.verity.index;

import dev.verity.document.DocumentIds;
import dev.verity.identity.Caller;
import dev.verity.identity.Principals;
import dev.verity.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Restrictions applied inside the engine's query, for keyword and vector search alike, so no later step can ever see a
 * chunk the caller may not.
 *
 * @param tenant the caller's tenant
 * @param collection the collection searched
 * @param principals the caller's principals (normalised by {@link Principals}); a document with an ACL is visible only
 *     when they share one. An empty set sees public documents only
 * @param sources when not empty, only these sources
 * @param mediaTypes when not empty, only these media types
 * @param languages when not empty, only these ISO 639-1 languages
 * @param ingestedFrom when present, only chunks ingested at or after it
 * @param ingestedTo when present, only chunks ingested before it
 */
public record SearchFilter(
        String tenant,
        String collection,
        Set<String> principals,
        Set<String> sources,
        Set<String> mediaTypes,
        Set<String> languages,
        Optional<Instant> ingestedFrom,
        Optional<Instant> ingestedTo) {

    public SearchFilter {
        Checks.nonBlank(tenant, "tenant");
        DocumentIds.requireCollection(collection);
        principals = Principals.normalise(principals);
        sources = Set.copyOf(sources);
        mediaTypes = Set.copyOf(mediaTypes);
        languages = Set.copyOf(languages);
        if (ingestedFrom.isPresent()
                && ingestedTo.isPresent()
                && !ingestedFrom.get().isBefore(ingestedTo.get())) {
            throw new IllegalArgumentException(
                    "ingestedFrom must be before ingestedTo, got " + ingestedFrom.get() + " and " + ingestedTo.get());
        }
    }

    /** Everything public in the collection of the default tenant. */
    public static SearchFilter collection(String collection) {
        return new SearchFilter(
                DocumentIds.DEFAULT_TENANT,
                collection,
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                Optional.empty(),
                Optional.empty());
    }

    /** Everything {@code caller} may see in the collection: their tenant, their principals. */
    public static SearchFilter of(Caller caller, String collection) {
        return collection(collection).withTenant(caller.tenant()).withPrincipals(caller.principals());
    }

    public SearchFilter withTenant(String newTenant) {
        return new SearchFilter(
                newTenant, collection, principals, sources, mediaTypes, languages, ingestedFrom, ingestedTo);
    }

    public SearchFilter withPrincipals(Set<String> newPrincipals) {
        return new SearchFilter(
                tenant, collection, newPrincipals, sources, mediaTypes, languages, ingestedFrom, ingestedTo);
    }

    public SearchFilter withSources(Set<String> newSources) {
        return new SearchFilter(
                tenant, collection, principals, newSources, mediaTypes, languages, ingestedFrom, ingestedTo);
    }

    public SearchFilter withMediaTypes(Set<String> newMediaTypes) {
        return new SearchFilter(
                tenant, collection, principals, sources, newMediaTypes, languages, ingestedFrom, ingestedTo);
    }

    public SearchFilter withLanguages(Set<String> newLanguages) {
        return new SearchFilter(
                tenant, collection, principals, sources, mediaTypes, newLanguages, ingestedFrom, ingestedTo);
    }

    public SearchFilter withIngestedBetween(Optional<Instant> from, Optional<Instant> to) {
        return new SearchFilter(tenant, collection, principals, sources, mediaTypes, languages, from, to);
    }
}
