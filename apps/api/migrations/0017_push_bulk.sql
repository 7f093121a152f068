-- Bulk API 2.0 pushes: the Salesforce job id is stored before the CSV is uploaded, and the stage
-- after each step, so a killed worker resumes the same job (or aborts an unclosed one) instead of
-- ingesting the records a second time.
ALTER TABLE push_jobs ADD COLUMN bulk_job_id text;
ALTER TABLE push_jobs ADD COLUMN bulk_stage text CHECK (bulk_stage IN ('created', 'closed', 'done'));
