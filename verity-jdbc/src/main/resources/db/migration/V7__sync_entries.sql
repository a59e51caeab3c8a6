-- What `verity sync` put into each collection: which root (folder or start URL) each document came from, so a sync
-- deletes only its own documents, and the validators for conditional GETs of web pages.
-- One row per document: the root that synced it last owns it.
CREATE TABLE sync_entries (
    document_id    VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant         VARCHAR(128)             NOT NULL,
    collection     VARCHAR(64)              NOT NULL,
    root           VARCHAR(2048)            NOT NULL,
    source         VARCHAR(2048)            NOT NULL,
    content_sha256 VARCHAR(64)              NOT NULL,
    etag           VARCHAR(1024),
    last_modified  VARCHAR(128),
    synced_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sync_entries_by_root ON sync_entries (tenant, collection, root, source);
