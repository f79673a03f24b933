-- The job queue (package dev.appserver.orchestrator.jobs) holds app jobs and retries of export
-- batches; `kind` says which. Due jobs are claimed earliest first among those not leased.
ALTER TABLE jobs ADD COLUMN kind text NOT NULL DEFAULT 'app';

DROP INDEX jobs_run_at;
CREATE INDEX jobs_due ON jobs (run_at, id);
