-- The parse-quality report of each document (pages without text, OCR pages and confidence, tables and cells,
-- characters per page, warnings) as JSON text: stored and read whole, never queried, so TEXT works the same on H2 and
-- PostgreSQL. NULL for documents ingested before the reports existed.
ALTER TABLE documents ADD COLUMN parse_quality TEXT;
