package dev.verity.testkit.contracts;

import dev.verity.index.InMemoryIndex;
import dev.verity.index.Index;

/** The in-memory index keeps the same contract as Lucene's; a reopen finds what was committed. */
class InMemoryIndexTest extends IndexContract {

    @Override
    protected Index openIndex() {
        return new InMemoryIndex();
    }

    @Override
    protected Index reopenIndex(Index current) {
        current.close();
        return ((InMemoryIndex) current).reopen();
    }
}
