-- One active filing per unit and year; idempotent retries that can tell a repeat from a different request;
-- notices for the reviewer kept with the filing; the unit's registered master data apart from what filings declare.

alter table filings add column idempotency_hash text;
alter table filings add column intake_notices jsonb not null default '[]'::jsonb;

-- Filings made before this rule: all but the newest active one per unit and year are withdrawn, visibly.
with ranked as (
  select id, row_number() over (partition by employer_uscc, year order by created_at desc, id) as n
    from filings where status not in ('returned', 'withdrawn')
)
update filings f set status = 'withdrawn', updated_at = now() from ranked r where f.id = r.id and r.n > 1;
insert into filing_status_history (filing_id, status, actor, note, step)
  select id, 'withdrawn', 'system', '同一单位同一年度已有在办申报（数据迁移）', 'migration'
    from filings where status = 'withdrawn'
     and not exists (select 1 from filing_status_history h where h.filing_id = filings.id and h.status = 'withdrawn');

-- A returned (incomplete) or withdrawn filing does not block a new one.
create unique index filings_one_active_per_unit_and_year on filings (employer_uscc, year)
  where status not in ('returned', 'withdrawn');

-- What the registering department says of the unit (check-registration), beside what the first filing declared.
alter table employers add column registered_name text;
alter table employers add column registration_status text;
alter table employers add column registrar text;
alter table employers add column registration_checked_at timestamptz;
