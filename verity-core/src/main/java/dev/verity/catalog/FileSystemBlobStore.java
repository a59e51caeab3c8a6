package dev.verity.catalog;

import dev.verity.internal.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in a folder: {@code <root>/ab/abcdef…} for content hash {@code abcdef…}. A file is copied to a
 * temporary name while it is hashed, forced to disk, then moved into place atomically, so a crash never leaves a blob
 * whose bytes do not match its name. Folders are {@code 0700} and blobs {@code 0600} ({@link OwnerOnly}): originals are
 * the documents themselves.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FileSystemBlobStore(Path root) {
        this.root = root;
        OwnerOnly.folder(root);
    }

    @Override
    public String put(Path file) {
        Path temp = null;
        try {
            temp = OwnerOnly.file(Files.createTempFile(root, "incoming-", ".tmp"));
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                in.transferTo(out);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = location(sha);
            if (Files.exists(target)) {
                Files.delete(temp);
                return sha;
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            OwnerOnly.folder(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha;
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new UncheckedIOException("cannot store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path path = location(sha256);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public boolean delete(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            return false;
        }
        try {
            return Files.deleteIfExists(location(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + sha256 + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> list() {
        Set<String> hashes = new TreeSet<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(prefix)) {
                    for (Path blob : blobs) {
                        String name = blob.getFileName().toString();
                        if (SHA256.matcher(name).matches()) {
                            hashes.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the blob folder " + root + ": " + e.getMessage(), e);
        }
        return hashes;
    }

    private Path location(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
