-- The employer's dispute of the automatic result and the county DPF's manual review of each disputed employee
-- (附件1 §四(二)). Rows are history: a new dispute or decision is a new row; the latest decision per filing and
-- employee that has not been cleared is the one the count applies. Each row is keyed by the engine's external task
-- that wrote it, so a task handed out again writes once.

create table disputes (
  id              bigserial primary key,
  filing_id       uuid not null references filings (id),
  -- Positions in the declaration's employees array (the form's numbers minus one), distinct and ascending.
  employee_indexes integer[] not null check (cardinality(employee_indexes) > 0 and 0 <= all (employee_indexes)),
  reason          text not null,
  filed_by        text not null,
  filed_at        timestamptz not null default now(),
  source_task_id  text not null unique
);
create index disputes_by_filing on disputes (filing_id, filed_at);

create table manual_review_decisions (
  id              bigserial primary key,
  filing_id       uuid not null references filings (id),
  employee_index  integer not null check (employee_index >= 0),
  decision        text not null check (decision in ('count', 'months', 'not_count')),
  -- YYYY-MM of the review year; only a 'months' decision names any.
  counted_months  text[] not null default '{}',
  reason          text not null,
  reviewer        text not null,
  decided_at      timestamptz not null default now(),
  source_task_id  text not null unique,
  -- Set when the declaration is modified after feedback: positions of the old declaration no longer name anyone.
  cleared_at      timestamptz,
  check (decision = 'months' or cardinality(counted_months) = 0),
  check (decision <> 'months' or cardinality(counted_months) > 0)
);
create index manual_review_decisions_in_force on manual_review_decisions (filing_id, employee_index, decided_at desc, id desc) where cleared_at is null;
