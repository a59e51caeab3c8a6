package dev.verity.ingestion.containers;

import dev.verity.ingestion.parsing.DocumentRejectedException;
import dev.verity.ingestion.parsing.RejectionReason;
import java.util.Objects;

/**
 * What is left of the {@link ContainerLimits} while one ingested file and every container nested in it are expanded.
 * Readers charge each member and each block of bytes as they extract it, so extraction stops at the first byte over
 * a limit instead of after the disk is full. Not thread-safe: one expansion, one thread.
 */
public final class ExpansionBudget {
    private final ContainerLimits limits;
    private final long rootSize;
    private long bytes;
    private int members;

    /** @param rootSize size in bytes of the ingested file the ratio is measured against */
    public ExpansionBudget(ContainerLimits limits, long rootSize) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rootSize = Math.max(1, rootSize);
    }

    public ContainerLimits limits() {
        return limits;
    }

    /** Counts one more member. */
    public void member(String path) throws DocumentRejectedException {
        members++;
        if (members > limits.maxMembers()) {
            throw limit("it holds more than " + limits.maxMembers() + " members (member-count limit "
                    + limits.maxMembers() + "; reached at " + path + ")");
        }
    }

    /** Counts bytes just extracted. */
    public void bytes(long count) throws DocumentRejectedException {
        bytes += count;
        if (bytes > limits.maxExpandedBytes()) {
            throw limit("it expands to more than " + limits.maxExpandedBytes() + " bytes (expanded-bytes limit "
                    + limits.maxExpandedBytes() + ")");
        }
        if (bytes > ContainerLimits.RATIO_FLOOR_BYTES && bytes / rootSize > limits.maxRatio()) {
            throw limit("it expands to more than " + limits.maxRatio() + " times its own size of " + rootSize
                    + " bytes (compression-ratio limit " + limits.maxRatio() + ":1)");
        }
    }

    /** Refuses a container found deeper than the depth limit allows. */
    public void depth(int depth, String path) throws DocumentRejectedException {
        if (depth > limits.maxDepth()) {
            throw limit("it nests containers more than " + limits.maxDepth() + " deep (depth limit " + limits.maxDepth()
                    + "; reached at " + path + ")");
        }
    }

    /** Members that may still be counted before {@link #member} refuses one. */
    public int membersLeft() {
        return Math.max(0, limits.maxMembers() - members);
    }

    /**
     * Bytes that may still be counted before {@link #bytes} refuses: the smaller of what the expanded-bytes limit and
     * the compression-ratio limit leave. For an extractor that must stop on its own (one in a parser process).
     */
    public long bytesLeft() {
        long byRatio = Math.max(ContainerLimits.RATIO_FLOOR_BYTES, (limits.maxRatio() + 1L) * rootSize - 1);
        return Math.max(0, Math.min(limits.maxExpandedBytes(), byRatio) - bytes);
    }

    public long expandedBytes() {
        return bytes;
    }

    public int members() {
        return members;
    }

    private static DocumentRejectedException limit(String detail) {
        return new DocumentRejectedException(RejectionReason.RESOURCE_LIMIT, detail);
    }
}
