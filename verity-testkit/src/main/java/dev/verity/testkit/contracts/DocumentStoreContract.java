package dev.verity.testkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.catalog.DocumentRecord;
import dev.verity.catalog.DocumentStore;
import dev.verity.document.DocumentInfo;
import dev.verity.document.ParseQuality;
import dev.verity.testkit.fakes.TestChunks;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DocumentStore} must do. Subclass once per implementation; each test gets an empty store. */
public abstract class DocumentStoreContract {
    protected DocumentStore store;

    /** A new, empty store. */
    protected abstract DocumentStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @Test
    void returnsWhatWasSavedFieldForField() {
        DocumentRecord record = new DocumentRecord(
                TestChunks.document("dir/a.pdf")
                        .acl("hr", "finance")
                        .title("Ä title")
                        .language("de")
                        .build(),
                7,
                1234,
                3);

        store.upsert(record);

        assertThat(store.find("default", record.id())).contains(record);
    }

    @Test
    void keepsTheParseQualityReportWithTheRecord() {
        ParseQuality quality = new ParseQuality(
                3,
                List.of(2),
                List.of(new ParseQuality.OcrPage(3, 41.5, 120)),
                1,
                4,
                12,
                2,
                5321,
                0,
                1800,
                List.of("page 3: OCR confidence 42%", "page 1: table rows merged"));
        DocumentRecord record =
                new DocumentRecord(TestChunks.document("scan.pdf").build(), 4, 999, 3, Optional.of(quality));

        store.upsert(record);

        assertThat(store.find("default", record.id())).contains(record);
        assertThat(store.list("default", record.info().collection())).containsExactly(record);
    }

    @Test
    void listsTheDocumentsFoundInsideADocumentBySourceAndKeepsTheirParent() {
        DocumentRecord zip =
                new DocumentRecord(TestChunks.document("bundle.zip").build(), 0, 500, 0);
        DocumentRecord b = new DocumentRecord(
                TestChunks.document("bundle.zip ▸ b.txt").build(), 1, 10, 0, Optional.empty(), Optional.of(zip.id()));
        DocumentRecord a = new DocumentRecord(
                TestChunks.document("bundle.zip ▸ a.txt").build(), 1, 10, 0, Optional.empty(), Optional.of(zip.id()));
        DocumentRecord other =
                new DocumentRecord(TestChunks.document("other.txt").build(), 1, 10, 0);
        store.upsert(zip);
        store.upsert(b);
        store.upsert(a);
        store.upsert(other);

        assertThat(store.children("default", zip.id())).containsExactly(a, b);
        assertThat(store.find("default", a.id()).orElseThrow().parentId()).contains(zip.id());
        assertThat(store.children("default", other.id())).isEmpty();
        assertThat(store.children("globex", zip.id())).as("another tenant").isEmpty();
    }

    @Test
    void upsertReplacesTheRecordAndItsAcl() {
        DocumentInfo v1 = TestChunks.document("a.pdf").acl("hr").build();
        store.upsert(new DocumentRecord(v1, 3, 10, 1));
        DocumentInfo v2 = TestChunks.document("a.pdf").version(2).build();

        store.upsert(new DocumentRecord(v2, 5, 20, 2));

        assertThat(store.find("default", v1.id())).contains(new DocumentRecord(v2, 5, 20, 2));
        assertThat(store.find("default", v1.id()).orElseThrow().info().acl()).isEmpty();
    }

    @Test
    void listsEveryDocumentOfEveryCollection() {
        DocumentRecord b =
                new DocumentRecord(TestChunks.document("b.pdf").collection("c1").build(), 1, 1, 1);
        DocumentRecord c = new DocumentRecord(
                TestChunks.document("c.pdf").collection("c2").tenant("t2").build(), 1, 1, 1);
        store.upsert(b);
        store.upsert(c);

        assertThat(store.all()).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void listsACollectionBySource() {
        store.upsert(
                new DocumentRecord(TestChunks.document("b.pdf").collection("c1").build(), 1, 1, 1));
        store.upsert(
                new DocumentRecord(TestChunks.document("a.pdf").collection("c1").build(), 1, 1, 1));
        store.upsert(
                new DocumentRecord(TestChunks.document("c.pdf").collection("c2").build(), 1, 1, 1));

        assertThat(store.list("default", "c1"))
                .extracting(r -> r.info().source())
                .containsExactly("a.pdf", "b.pdf");
        assertThat(store.list("other-tenant", "c1")).isEmpty();
    }

    @Test
    void anotherTenantsDocumentIsInvisibleToFindAndList() {
        DocumentRecord theirs = new DocumentRecord(
                TestChunks.document("a.pdf").collection("c1").tenant("globex").build(), 1, 1, 1);
        DocumentRecord ours =
                new DocumentRecord(TestChunks.document("a.pdf").collection("c1").build(), 1, 1, 1);
        store.upsert(theirs);
        store.upsert(ours);

        assertThat(theirs.id())
                .as("same collection and file name, another tenant")
                .isNotEqualTo(ours.id());
        assertThat(store.find("default", theirs.id())).isEmpty();
        assertThat(store.find("globex", theirs.id())).contains(theirs);
        assertThat(store.list("default", "c1")).containsExactly(ours);
        assertThat(store.list("globex")).containsExactly(theirs);
    }

    @Test
    void listsATenantsDocumentsByCollectionAndSource() {
        DocumentRecord b =
                new DocumentRecord(TestChunks.document("b.pdf").collection("c2").build(), 1, 1, 1);
        DocumentRecord a =
                new DocumentRecord(TestChunks.document("z.pdf").collection("c1").build(), 1, 1, 1);
        DocumentRecord c =
                new DocumentRecord(TestChunks.document("a.pdf").collection("c2").build(), 1, 1, 1);
        store.upsert(b);
        store.upsert(a);
        store.upsert(c);

        assertThat(store.list("default")).containsExactly(a, c, b);
        assertThat(store.list("nobody")).isEmpty();
    }

    @Test
    void deleteRemovesTheRecordAndReportsWhetherThereWasOne() {
        DocumentInfo doc = TestChunks.document("a.pdf").acl("hr").build();
        store.upsert(new DocumentRecord(doc, 1, 1, 1));

        assertThat(store.delete(doc.id())).isTrue();
        assertThat(store.delete(doc.id())).isFalse();
        assertThat(store.find("default", doc.id())).isEmpty();
    }
}
