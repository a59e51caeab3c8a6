package dev.verity.testkit.contracts;

import dev.verity.catalog.BlobStore;
import dev.verity.catalog.FileSystemBlobStore;
import java.nio.file.Path;

/** Core's blob store runs its contract here: core's own tests cannot see the testkit. */
class FileSystemBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore openStore(Path scratch) {
        return new FileSystemBlobStore(scratch);
    }
}
