package dev.verity.parsers.isolation;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;

/**
 * Ends a parser process that is drowning in garbage collection instead of running out of memory. A parse that needs
 * just about all of the heap does not fail with {@code OutOfMemoryError}: the collector frees a few megabytes each
 * time, and the process spends minutes collecting (the serial collector has no overhead limit). Once the collector has
 * taken more than {@link #MAX_GC_SHARE} of the last {@link #WINDOW_MILLIS} and the heap stays full after collecting,
 * this prints the reason on stderr and halts with exit code 3, the code of {@code -XX:+ExitOnOutOfMemoryError}, so the
 * file is rejected as out of memory within seconds rather than at the timeout.
 */
final class GcWatchdog {
    static final long WINDOW_MILLIS = 5_000;
    static final double MAX_GC_SHARE = 0.8;
    /** The old generation's occupancy after a collection that counts as full. */
    static final double FULL = 0.9;

    private static final long TICK_MILLIS = 250;
    private static final int EXIT_OUT_OF_MEMORY = 3;

    private GcWatchdog() {}

    static void start() {
        Thread.ofPlatform().daemon().name("verity-gc-watchdog").start(GcWatchdog::watch);
    }

    private static void watch() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .toList();
        int slots = (int) (WINDOW_MILLIS / TICK_MILLIS);
        long[] gcAt = new long[slots];
        long[] wallAt = new long[slots];
        int tick = 0;
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long gc = collectors.stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .sum();
            long wall = System.nanoTime() / 1_000_000;
            int slot = tick % slots;
            if (tick >= slots) {
                double share = (double) (gc - gcAt[slot]) / Math.max(1, wall - wallAt[slot]);
                double full = fullest(heap);
                if (share > MAX_GC_SHARE && full > FULL) {
                    System.err.printf(
                            Locale.ROOT,
                            "java.lang.OutOfMemoryError: GC overhead: %.0f%% of the last"
                                    + " %d s spent collecting, heap %.0f%% full after collection%n",
                            share * 100,
                            WINDOW_MILLIS / 1000,
                            full * 100);
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
                }
            }
            gcAt[slot] = gc;
            wallAt[slot] = wall;
            tick++;
        }
    }

    /** The highest occupancy after the last collection among the heap pools with a limit (the old generation). */
    private static double fullest(List<MemoryPoolMXBean> pools) {
        double fullest = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null && after.getMax() > 0) {
                fullest = Math.max(fullest, (double) after.getUsed() / after.getMax());
            }
        }
        return fullest;
    }
}
