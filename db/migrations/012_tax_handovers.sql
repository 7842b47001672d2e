-- The hand-over to the tax bureau (docs/domain.md §3 step 6): each push of a filing's certified result, its receipt,
-- and the bureau's later answer (consistency with its Golden Tax data, levy collected). A re-push after a
-- reconciliation is a new round with a receipt of its own.

create table tax_handovers (
  filing_id        uuid not null references filings (id),
  round            integer not null check (round >= 1),
  -- null while the push is under way: the row is written first, so an answer racing the receipt is recognised
  receipt_id       text unique,
  certified_count  numeric(12, 2) not null,
  required_count   numeric(12, 2) not null,
  pushed_at        timestamptz,
  consistent       boolean,
  levy_collected   numeric(16, 2),
  -- when the bureau says it answered, and when we took the answer
  answered_at      timestamptz,
  answer_received_at timestamptz,
  -- the engine's external task that pushed it
  source_task_id   text not null,
  primary key (filing_id, round),
  check ((receipt_id is null) = (pushed_at is null)),
  check ((consistent is null) = (levy_collected is null) and (consistent is null) = (answered_at is null)),
  check (consistent is null or receipt_id is not null)
);
