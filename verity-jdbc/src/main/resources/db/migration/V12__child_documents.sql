-- Documents found inside another one (archive members, attachments) name their parent: deleting or re-ingesting the
-- parent finds them by it. NULL for a file ingested on its own, which every document written before was.
ALTER TABLE documents ADD COLUMN parent_id VARCHAR(64);
CREATE INDEX documents_by_parent ON documents (tenant, parent_id);
