-- The operators' dashboard (/operations). Workers run in processes of their own (`npm start`, `npm run workers`), so
-- the API cannot see them in memory: each worker process records here, every few seconds, that it is alive and what
-- its tasks did (workers/runtime/worker-figures.ts). Rows are small and few (one per process, one per process, topic
-- and minute) and pruned after a day by the processes themselves.

-- One row per worker process: alive while last_seen_at is recent and it has not said it stopped.
create table worker_processes (
  worker_id     text primary key,
  host          text not null,
  pid           integer not null,
  topics        text[] not null,
  started_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  stopped_at    timestamptz
);
create index worker_processes_by_last_seen on worker_processes (last_seen_at);

-- Per worker process, topic and minute: how many tasks ran, how many failed, a bounded sample of their durations
-- (enough for p50/p95 over a window), and the last failure's message (personal numbers masked before it is written).
-- `department` is the department the topic asks, by the name operators know (null: the system's own step).
create table worker_topic_minutes (
  minute         timestamptz not null,
  worker_id      text not null,
  topic          text not null,
  department     text,
  calls          integer not null,
  failures       integer not null,
  latency_ms     integer[] not null,
  last_ok_at     timestamptz,
  last_error     text,
  last_error_at  timestamptz,
  primary key (minute, worker_id, topic)
);

-- Running filings oldest progress first (the stuck ones), and their count by step, without reading the finished ones:
-- the columns a page lists are included, so even a page deep in the list is read from the index alone.
create index filings_running_by_progress on filings (updated_at, status) include (id, year, employer_uscc, handling_region_code, channel)
  where status in ('submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review', 'feedback', 'returned');
