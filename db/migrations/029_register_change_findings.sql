-- A registrar's change that reaches a filing under way (docs/registrar-feeds.md): the unit deregistered, listed in the
-- abnormal-operation directory or as a 非正常户 while its filing is being handled. One row per filing and change,
-- written in the same transaction as the change itself, for the county handling the filing to see beside it; the
-- county's decision (continue or return the filing) is a task of the filing's process and its status history.
create table register_change_findings (
  id              bigserial primary key,
  filing_id       uuid not null references filings (id),
  change_id       bigint not null references unit_register_changes (id),
  uscc            text not null,
  registrar       text not null,
  sequence        bigint,
  change_type     text not null,
  status_after    text not null,
  effective_on    date not null,
  -- the county handling the filing when the change arrived: whose staff see and decide it
  region_code     text not null,
  created_at      timestamptz not null default now(),
  unique (filing_id, change_id)
);
create index register_change_findings_by_filing on register_change_findings (filing_id, id);
create index register_change_findings_by_region on register_change_findings (region_code, created_at);
