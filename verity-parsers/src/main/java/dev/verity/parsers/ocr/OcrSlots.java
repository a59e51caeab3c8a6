package dev.verity.parsers.ocr;

import dev.verity.internal.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The OCR budget of the whole machine, shared by processes: {@code count} lock files in a folder, one held while a
 * {@code tesseract} process runs. Every parser process given the same folder ({@link OcrSettings#slots()}) takes a
 * free one before it starts Tesseract, so the processes together never run more than {@code count} at once, and one
 * scanned PDF alone can use all of them while the other parser processes have nothing to OCR. The operating system
 * releases the locks of a process that dies, so a killed parser process leaks no slot.
 *
 * <p>Free slots are found by trying each lock in turn and waiting {@value #POLL_MILLIS} ms between rounds: a page
 * takes a second or more, so the wait costs little. Within one process, {@link Tesseract}'s semaphore still orders the
 * threads; a lock this process already holds counts as taken.
 *
 * <p>When the folder cannot be used (read-only, not a folder), {@link #of} says so with an empty result, and each
 * process falls back to its own {@link OcrSettings#parallelism()}.
 */
final class OcrSlots {
    static final int POLL_MILLIS = 10;

    private final FileChannel[] locks;

    private OcrSlots(FileChannel[] locks) {
        this.locks = locks;
    }

    /** The slots these settings name; empty when they name none, or the folder cannot hold lock files. */
    static Optional<OcrSlots> of(OcrSettings settings) {
        if (settings.slots().isEmpty()) {
            return Optional.empty();
        }
        Path folder = settings.slots().get();
        FileChannel[] locks = new FileChannel[settings.parallelism()];
        try {
            OwnerOnly.folder(folder); // lives in the data folder, which is private
            for (int i = 0; i < locks.length; i++) {
                locks[i] = FileChannel.open(
                        folder.resolve("slot-" + i + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            for (FileChannel open : locks) {
                closeQuietly(open);
            }
            return Optional.empty();
        }
        return Optional.of(new OcrSlots(locks));
    }

    /** Waits until a slot is free and takes it; release it when the {@code tesseract} process has ended. */
    FileLock acquire() throws InterruptedException {
        while (true) {
            for (FileChannel channel : locks) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return lock;
                    }
                } catch (OverlappingFileLockException e) {
                    // held by another thread of this process
                } catch (IOException e) {
                    // cannot lock this file now: try the others, then again
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel is gone, and its lock with it
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
