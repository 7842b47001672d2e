-- The operators' running filings by step (/api/operations/running-filings) without counting them per request: how many
-- running filings stand at each step, by the China date they last moved (their updated_at), kept by triggers on
-- filings. A request sums a few thousand rows: the count of a step, and its stuck ones (moved before the cut-off day,
-- itself the start of a China day, operations/running-filings.ts stuckCutoff). Like the supervision tables (023), the
-- triggers stand aside in a session doing a bulk load (`supervision.bulk = on`), which calls
-- running_filing_days_rebuild() afterwards.

create table running_filing_days (
  status   text not null,
  -- the China date of the filings' updated_at
  day      date not null,
  filings  integer not null,
  primary key (status, day)
);

-- The running statuses, as api/operations.ts RUNNING_STATUSES and the partial index of 025.
create function running_filing_status(status text) returns boolean
language sql immutable as $$
  select status in ('submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review', 'feedback', 'returned')
$$;

create function running_filing_day(at timestamptz) returns date
language sql immutable as $$ select (at at time zone 'Asia/Shanghai')::date $$;

create function running_filing_days_keep() returns trigger
language plpgsql as $$
begin
  if current_setting('supervision.bulk', true) = 'on' then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and running_filing_status(old.status) then
    update running_filing_days set filings = filings - 1
     where status = old.status and day = running_filing_day(old.updated_at);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and running_filing_status(new.status) then
    insert into running_filing_days (status, day, filings) values (new.status, running_filing_day(new.updated_at), 1)
    on conflict (status, day) do update set filings = running_filing_days.filings + 1;
  end if;
  return null;
end
$$;

create trigger running_filing_days_on_insert_or_delete after insert or delete on filings
  for each row execute function running_filing_days_keep();
create trigger running_filing_days_on_update after update of status, updated_at on filings
  for each row when (old.status is distinct from new.status or old.updated_at is distinct from new.updated_at)
  execute function running_filing_days_keep();

-- Made again from the filings in one pass (after a bulk load; and now, for the filings already there).
create function running_filing_days_rebuild() returns void
language sql as $$
  delete from running_filing_days;
  insert into running_filing_days (status, day, filings)
  select status, running_filing_day(updated_at), count(*) from filings
   where status in ('submitted', 'accepted', 'reviewing', 'awaiting_confirmation', 'disputed', 'manual_review', 'feedback', 'returned')
   group by 1, 2;
$$;

select running_filing_days_rebuild();
