package dev.verity.ingestion.containers;

/**
 * How far one ingested file may expand, counting every container nested in it: real archives stay far below these,
 * bombs (a 42 KB zip that inflates to petabytes, a zip nested in itself) do not.
 *
 * @param maxDepth how many containers deep a member may sit (a member of a zip in a zip sits at depth 2)
 * @param maxMembers members in the whole tree
 * @param maxExpandedBytes bytes of all members in the whole tree
 * @param maxRatio expanded bytes per byte of the ingested file, checked once more than {@link #RATIO_FLOOR_BYTES}
 *     have been expanded (a few KB of text compress far better than 100:1, and are harmless)
 */
public record ContainerLimits(int maxDepth, int maxMembers, long maxExpandedBytes, int maxRatio) {

    /** Below this many expanded bytes the ratio is not checked. */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Depth 3, 1,000 members, 1 GiB, 100:1. */
    public static final ContainerLimits DEFAULTS = new ContainerLimits(3, 1_000, 1L << 30, 100);

    public ContainerLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, got " + maxDepth);
        }
        if (maxMembers < 1) {
            throw new IllegalArgumentException("maxMembers must be >= 1, got " + maxMembers);
        }
        if (maxExpandedBytes < 1) {
            throw new IllegalArgumentException("maxExpandedBytes must be >= 1, got " + maxExpandedBytes);
        }
        if (maxRatio < 1) {
            throw new IllegalArgumentException("maxRatio must be >= 1, got " + maxRatio);
        }
    }
}
