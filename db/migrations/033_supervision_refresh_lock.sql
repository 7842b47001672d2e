-- Two transactions refreshing the same filing's supervision facts at once (a worker storing a review while an import
-- or another trigger refreshes it) could both find no fact row and both insert it: the second failed on the primary
-- key (seen in CI as count-employees failing once, then succeeding on retry). The refresh now holds a transaction-scoped
-- advisory lock per filing, so the second waits and then finds the first one's row.
create or replace function supervision_refresh(p_filing uuid, exits boolean) returns void
language plpgsql as $$
declare
  before supervision_filing_facts;
  after supervision_filing_facts;
  next_filing uuid;
begin
  if current_setting('supervision.bulk', true) = 'on' then
    return;
  end if;
  -- One refresh of a filing at a time: with no fact row yet there is nothing for `for update` to lock, and two
  -- transactions (a worker storing the review, an import refreshing next year's filings) would both insert it.
  perform pg_advisory_xact_lock(hashtextextended('supervision_refresh:' || p_filing::text, 0));
  select * into before from supervision_filing_facts where filing_id = p_filing for update;
  select * into after from supervision_fact_source where filing_id = p_filing;
  if after.filing_id is null then
    delete from supervision_filing_facts where filing_id = p_filing;
  elsif before.filing_id is null then
    insert into supervision_filing_facts select after.*;
  elsif before is distinct from after then
    delete from supervision_filing_facts where filing_id = p_filing;
    insert into supervision_filing_facts select after.*;
  end if;
  if exits then
    delete from supervision_exits where filing_id = p_filing;
    insert into supervision_exits select * from supervision_exits_of(p_filing);
  end if;
  if after.filing_id is not null and (exits or before.filed is distinct from after.filed) then
    for next_filing in
      select n.id from filings n where n.employer_uscc = after.uscc and n.year = after.year + 1
    loop
      perform supervision_refresh(next_filing, true);
    end loop;
  end if;
end
$$;
