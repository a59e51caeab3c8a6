/**
 * Keeping a collection in step with a source (a folder or a web site).
 *
 * <p>A sync has three steps: list the source as {@link dev.verity.ingestion.sync.SyncPlan.Found} items (name and
 * content hash), {@link dev.verity.ingestion.sync.SyncPlan#compute compute the plan} against what the collection
 * holds and what earlier syncs of the same root recorded in {@link dev.verity.ingestion.sync.SyncState}, then run it:
 * ingest what is new or changed, delete what is gone, leave the rest. The plan is a pure value, so
 * {@code --dry-run} prints exactly what a real run would do.
 *
 * <pre>{@code
 * SyncPlan plan = SyncPlan.compute(found, state.entries(tenant, collection, root), catalogue, acl);
 * plan.actions().forEach(System.out::println);
 * }</pre>
 *
 * <p>Only documents a root's earlier syncs recorded are ever deleted by that root: a document ingested with
 * {@code verity ingest}, uploaded, or synced from another root is never touched, even when its name is missing from
 * the source.
 */
@NullMarked
package dev.verity.ingestion.sync;

import org.jspecify.annotations.NullMarked;
