-- Sending outbox commands to the engine: when a failed send may be tried again.
alter table outbox add column next_attempt_at timestamptz;

-- Status history written by the diagram's steps: which step wrote the entry, and the engine's external task that
-- wrote it, so a task handed out again after a worker died records its entry once.
alter table filing_status_history add column step text;
alter table filing_status_history add column source_task_id text;
create unique index filing_status_history_by_task on filing_status_history (source_task_id) where source_task_id is not null;
