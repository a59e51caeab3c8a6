package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.catalog.BlobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BlobStore} must do: content addressed by the SHA-256 of its bytes, stored once however often it is
 * put, read back byte for byte, listed, deleted once, and a missing hash answered with empty rather than an error.
 * Subclass it once per implementation and supply {@link #openStore(Path)}; each test gets a fresh, empty store.
 * Implementations: {@code FileSystemBlobStore} (the testkit's own tests).
 */
public abstract class BlobStoreContract {
    /** SHA-256 of the ASCII bytes {@code hello}. */
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    protected Path folder;

    protected BlobStore store;

    /** A new, empty store; {@code scratch} is a folder of its own it may use. */
    protected abstract BlobStore openStore(Path scratch);

    @BeforeEach
    void open() throws IOException {
        store = openStore(Files.createDirectories(folder.resolve("store")));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void putReturnsTheSha256OfTheBytesAndTheStoredCopyReadsBackTheSame() throws IOException {
        Path original = file("hello.txt", "hello");

        String sha256 = store.put(original);

        assertThat(sha256).isEqualTo(HELLO_SHA256);
        assertThat(store.path(sha256))
                .hasValueSatisfying(
                        stored -> assertThat(stored).hasContent("hello").isNotEqualTo(original));
        assertThat(original).as("the original is copied, not moved").hasContent("hello");
    }

    @Test
    void theSameContentPutTwiceIsStoredOnce() throws IOException {
        String first = store.put(file("a.txt", "same bytes"));
        String second = store.put(file("b.txt", "same bytes"));

        assertThat(second).isEqualTo(first);
        assertThat(store.list()).containsExactly(first);
    }

    @Test
    void everyStoredCopyHoldsTheBytesItsNameIsTheHashOf() throws IOException, NoSuchAlgorithmException {
        store.put(file("a.txt", "alpha"));
        store.put(file("b.txt", "beta"));

        for (String sha256 : store.list()) {
            byte[] bytes = Files.readAllBytes(store.path(sha256).orElseThrow());
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .isEqualTo(sha256);
        }
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void aHashNeverStoredIsEmptyAndCannotBeDeleted() {
        String missing = "0".repeat(64);

        assertThat(store.path(missing)).isEmpty();
        assertThat(store.delete(missing)).isFalse();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void deletingRemovesTheContentOnceAndLeavesTheRest() throws IOException {
        String gone = store.put(file("a.txt", "alpha"));
        String kept = store.put(file("b.txt", "beta"));

        assertThat(store.delete(gone)).isTrue();
        assertThat(store.delete(gone)).isFalse();
        assertThat(store.path(gone)).isEmpty();
        assertThat(store.list()).containsExactly(kept);
    }

    @Test
    void contentDeletedCanBeStoredAgain() throws IOException {
        String sha256 = store.put(file("a.txt", "hello"));
        store.delete(sha256);

        assertThat(store.put(file("b.txt", "hello"))).isEqualTo(sha256);
        assertThat(store.path(sha256))
                .hasValueSatisfying(stored -> assertThat(stored).hasContent("hello"));
    }
}
