package dev.verity.testkit.contracts;

import dev.verity.identity.keys.ApiKeyStore;
import dev.verity.identity.keys.InMemoryApiKeyStore;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

    @Override
    protected ApiKeyStore openStore() {
        return new InMemoryApiKeyStore();
    }
}
