-- When each ingested file became findable: by keyword as soon as its chunks are committed to the index, by meaning
-- once the last of its chunks has its vector (computed behind ingestion, in bulk). NULL: not yet, or recorded before.

ALTER TABLE ingest_jobs ADD COLUMN keyword_searchable_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ingest_jobs ADD COLUMN vector_searchable_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ingest_jobs_by_document ON ingest_jobs (document_id);
