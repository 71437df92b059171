-- Background exports (issue 12): a whole language or semester as CSV, XLSX or a zip of course-list
-- PDFs, built off the event loop by admin/ExportJobsVerticle. The file is kept in the row (any node
-- can serve it) until expires_at; the jobs scheduler's export-cleanup drops it then, and the row a
-- week later.
CREATE TABLE export_job (
  id           bigserial PRIMARY KEY,
  requested_by text NOT NULL,             -- the staff subject; only they and superusers see the job
  scope        text NOT NULL CHECK (scope IN ('language', 'semester')),
  params       jsonb NOT NULL,            -- {format, columns, courseIds, languageId?, lang}
  texts        jsonb NOT NULL DEFAULT '{}', -- labels in the requester's language, resolved when asked
  state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows         integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
  file         bytea,
  file_name    text,
  content_type text,
  error        text,
  worker       text,                      -- the worker running it; its writes match on it (fencing)
  heartbeat_at timestamptz,               -- renewed while running; a stale one means a dead process
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  expires_at   timestamptz,
  CHECK ((state = 'running') = (worker IS NOT NULL)),
  CHECK (state NOT IN ('done', 'failed') OR (finished_at IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX export_job_open ON export_job (id) WHERE state IN ('queued', 'running');
CREATE INDEX export_job_expiry ON export_job (expires_at) WHERE expires_at IS NOT NULL;
