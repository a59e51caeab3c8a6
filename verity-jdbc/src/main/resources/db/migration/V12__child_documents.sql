-- Documents found inside another one (archive members, attachments) name their parent: deleting or re-ingesting the
-- parent finds them by it. NULL for a file ingested on its own, which every document written before was.
ALTER TABLE documents ADD COLUMN parent_id VARCHAR(64);
CREATE INDEX documents_by_parent ON documents (tenant, parent_id);

-- How many documents found inside a file are indexed, so `verity ingest` and `jobs` can say so for an archive.
ALTER TABLE ingest_jobs ADD COLUMN embedded INTEGER DEFAULT 0 NOT NULL;
