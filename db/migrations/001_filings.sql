-- Filings, their status history, the outbox that ties database writes to engine commands, and the audit log.

create table employers (
  uscc            text primary key,
  name            text not null,
  region_code     text not null,
  unit_nature     text not null,
  updated_at      timestamptz not null default now()
);

create table filings (
  id                     uuid primary key,
  year                   integer not null,
  channel                text not null check (channel in ('online', 'window')),
  employer_uscc          text not null references employers (uscc),
  receiving_region_code  text not null,
  handling_region_code   text not null,
  status                 text not null,
  declaration            jsonb not null,
  created_by             text not null,
  idempotency_key        text,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
-- A client that retries a POST with the same Idempotency-Key gets the filing it already made.
create unique index filings_idempotency on filings (created_by, idempotency_key) where idempotency_key is not null;
create index filings_by_employer on filings (employer_uscc, year);
create index filings_by_handling_region on filings (handling_region_code, status);
create index filings_by_receiving_region on filings (receiving_region_code);

create table filing_status_history (
  id          bigserial primary key,
  filing_id   uuid not null references filings (id),
  status      text not null,
  at          timestamptz not null default now(),
  actor       text not null,
  note        text
);
create index filing_status_history_by_filing on filing_status_history (filing_id, id);

-- Commands for the workflow engine, written in the same transaction as the data they belong to and sent
-- afterwards, so a crash between the two can neither lose nor double a command (the key makes sends idempotent).
create table outbox (
  id             bigserial primary key,
  command        text not null,
  business_key   text not null,
  payload        jsonb not null,
  created_at     timestamptz not null default now(),
  dispatched_at  timestamptz,
  attempts       integer not null default 0,
  last_error     text,
  unique (command, business_key)
);
create index outbox_pending on outbox (id) where dispatched_at is null;

-- Every read of personal data and every change, attributable to a person (保守秘密原则).
create table audit_log (
  id            bigserial primary key,
  at            timestamptz not null default now(),
  actor         text not null,
  actor_role    text not null,
  action        text not null,
  subject_type  text not null,
  subject_id    text not null,
  detail        jsonb not null default '{}'::jsonb
);
create index audit_log_by_subject on audit_log (subject_type, subject_id, at);
