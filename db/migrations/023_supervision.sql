-- Supervision (监管统计, docs/supervision.md): the figures a city or the province follows, kept incrementally so that a
-- request sums a few thousand rows whatever the number of filings.
--   supervision_filing_facts  one row per filing: where it is handled, its industry section, how far it has come,
--                             and (once certified) its employment measures; kept by triggers on filings, reviews,
--                             disputes, certificates and tax hand-overs.
--   supervision_totals        sums of the facts per (year, county, industry section); kept by a trigger on the facts.
--   supervision_exits         disabled employees who left a unit (declared last year and not this year, or whose
--                             months stop during the year), with masked ID numbers and a keyed hash for matching.
-- A session doing bulk loads sets `supervision.bulk = on` (the triggers then do nothing) and rebuilds afterwards
-- (supervision/rebuild.ts rebuildSupervisionFacts).

create extension if not exists pgcrypto;

create table supervision_filing_facts (
  filing_id              uuid primary key references filings (id),
  year                   integer not null,
  uscc                   text not null,
  unit_name              text not null,
  county_code            text not null,
  -- the declared industry's GB/T 4754 section (A–T), '-' when none can be read
  industry               text not null,
  channel                text not null,
  status                 text not null,
  -- not returned, withdrawn or transferred: the one active filing of its unit and year
  filed                  boolean not null,
  -- filed, and the unit had no active filing the year before (units expected = last year's filers + these)
  new_unit               boolean not null,
  online                 boolean not null,
  "window"               boolean not null,
  accepted               boolean not null,
  awaiting_confirmation  boolean not null,
  disputed               boolean not null,
  certified              boolean not null,
  sent_to_tax            boolean not null,
  -- employment measures: certified filings only (zero otherwise), from the current certificate and stored review
  certified_employees    integer not null,
  kind_disability        integer not null,
  kind_veteran           integer not null,
  kind_police            integer not null,
  grade_d1               integer not null,
  grade_d2               integer not null,
  grade_d3               integer not null,
  grade_d4               integer not null,
  grade_v1_4             integer not null,
  grade_v5_6             integer not null,
  grade_v7_10            integer not null,
  certified_count        numeric(12, 2) not null,
  required_count         numeric(12, 2) not null,
  shortfall              numeric(12, 2) not null,
  surplus                numeric(12, 2) not null,
  levy_estimate          numeric(16, 2) not null,
  ratio                  numeric(12, 6),
  -- none | under-half | below | at | double (certified vs required); null when not certified
  ratio_bucket           text,
  below_quota            boolean not null,
  above_quota            boolean not null
);

-- The drill lists: one partial index per measure, in the order the list is read (county, then unit), so a city's
-- list is one range of the index (county codes 3301xx) and a page is read straight from it.
create index supervision_facts_filed on supervision_filing_facts (year, county_code, uscc) where filed;
create index supervision_facts_online on supervision_filing_facts (year, county_code, uscc) where filed and online;
create index supervision_facts_window on supervision_filing_facts (year, county_code, uscc) where filed and "window";
create index supervision_facts_accepted on supervision_filing_facts (year, county_code, uscc) where accepted;
create index supervision_facts_awaiting on supervision_filing_facts (year, county_code, uscc) where awaiting_confirmation;
create index supervision_facts_disputed on supervision_filing_facts (year, county_code, uscc) where disputed;
create index supervision_facts_certified on supervision_filing_facts (year, county_code, uscc) where certified;
create index supervision_facts_sent on supervision_filing_facts (year, county_code, uscc) where sent_to_tax;
create index supervision_facts_below on supervision_filing_facts (year, county_code, uscc) where below_quota;
create index supervision_facts_above on supervision_filing_facts (year, county_code, uscc) where above_quota;
create index supervision_facts_employing on supervision_filing_facts (year, county_code, uscc) where certified_employees > 0;
-- Drill lists narrowed to one industry or one ratio bucket (both only of certified filings).
create index supervision_facts_by_industry on supervision_filing_facts (year, industry, county_code, uscc) where certified;
create index supervision_facts_by_bucket on supervision_filing_facts (year, ratio_bucket, county_code, uscc) where certified;

create table supervision_totals (
  year                   integer not null,
  county_code            text not null,
  industry               text not null,
  filed                  integer not null default 0,
  new_units              integer not null default 0,
  online                 integer not null default 0,
  "window"               integer not null default 0,
  accepted               integer not null default 0,
  awaiting_confirmation  integer not null default 0,
  disputed               integer not null default 0,
  certified              integer not null default 0,
  sent_to_tax            integer not null default 0,
  certified_employees    integer not null default 0,
  kind_disability        integer not null default 0,
  kind_veteran           integer not null default 0,
  kind_police            integer not null default 0,
  grade_d1               integer not null default 0,
  grade_d2               integer not null default 0,
  grade_d3               integer not null default 0,
  grade_d4               integer not null default 0,
  grade_v1_4             integer not null default 0,
  grade_v5_6             integer not null default 0,
  grade_v7_10            integer not null default 0,
  below_quota_units      integer not null default 0,
  shortfall              numeric(16, 2) not null default 0,
  levy_estimate          numeric(18, 2) not null default 0,
  above_quota_units      integer not null default 0,
  surplus                numeric(16, 2) not null default 0,
  bucket_none            integer not null default 0,
  bucket_under_half      integer not null default 0,
  bucket_below           integer not null default 0,
  bucket_at              integer not null default 0,
  bucket_double          integer not null default 0,
  primary key (year, county_code, industry)
);

create table supervision_exits (
  -- the filing of `year` the exit was found from (this year's filing of the unit)
  filing_id         uuid not null references filings (id),
  year              integer not null,
  uscc              text not null,
  unit_name         text not null,
  county_code       text not null,
  -- HMAC-SHA-256 of the ID number under a key the application's role cannot read: matches a person across units
  -- and years without keeping the number
  person_hash       text not null,
  employee_name     text not null,
  id_number_masked  text not null,
  reason            text not null check (reason in ('left', 'retired', 'certificate-ended', 'not-declared')),
  -- YYYY-MM: the last month the data shows the person employed (or counted), when it shows one
  last_month        text,
  primary key (filing_id, person_hash)
);
create index supervision_exits_by_region on supervision_exits (year, county_code, uscc, person_hash);
create index supervision_exits_by_reason on supervision_exits (year, reason, county_code, uscc, person_hash);

-- Exits counted per (year, county, reason), kept by a trigger on supervision_exits: the list's counts by county.
create table supervision_exit_totals (
  year         integer not null,
  county_code  text not null,
  reason       text not null,
  exits        integer not null default 0,
  primary key (year, county_code, reason)
);

-- The key of the person hash: readable by the owner only; the hash is computed by a SECURITY DEFINER function.
create table supervision_hash_key (
  only_row  boolean primary key default true check (only_row),
  key       bytea not null
);
insert into supervision_hash_key (key) values (gen_random_bytes(32));
do $$
begin
  if exists (select 1 from pg_roles where rolname = current_database() || '_app') then
    execute format('revoke all on supervision_hash_key from %I', current_database() || '_app');
  end if;
end
$$;

create function supervision_person_hash(id_number text) returns text
language sql stable security definer set search_path = public, pg_temp as $$
  select encode(hmac(convert_to(upper(id_number), 'UTF8'), (select key from supervision_hash_key), 'sha256'), 'hex')
$$;

-- "330106199001011236" → "3301**********1236", as platform/masking.ts maskIdNumber.
create function supervision_mask_id(id_number text) returns text
language sql immutable as $$
  select case when length(id_number) <= 8 then repeat('*', length(id_number))
              else left(id_number, 4) || repeat('*', length(id_number) - 8) || right(id_number, 4) end
$$;

-- What a filing contributes, computed from the system of record. The one definition both the triggers (one filing)
-- and the rebuild (a whole year) read.
create view supervision_fact_source as
select
  f.id as filing_id,
  f.year,
  f.employer_uscc as uscc,
  coalesce(f.declaration #>> '{employer,name}', '') as unit_name,
  f.handling_region_code as county_code,
  coalesce(substring(upper(f.declaration #>> '{employer,industryCode}') from '^([A-T])'), '-') as industry,
  f.channel,
  f.status,
  s.filed,
  s.filed and not exists (
    select 1 from filings p
     where p.employer_uscc = f.employer_uscc and p.year = f.year - 1 and p.status not in ('returned', 'withdrawn', 'transferred')
  ) as new_unit,
  s.filed and f.channel = 'online' as online,
  s.filed and f.channel = 'window' as "window",
  s.filed and f.status <> 'submitted' as accepted,
  s.filed and f.status = 'awaiting_confirmation' as awaiting_confirmation,
  s.filed and (f.status in ('disputed', 'manual_review') or exists (select 1 from disputes d where d.filing_id = f.id)) as disputed,
  s.certified,
  s.filed and (f.status in ('sent_to_tax', 'closed')
               or exists (select 1 from tax_handovers t where t.filing_id = f.id and t.pushed_at is not null)) as sent_to_tax,
  coalesce(e.employees, 0)::integer as certified_employees,
  coalesce(e.kind_disability, 0)::integer as kind_disability,
  coalesce(e.kind_veteran, 0)::integer as kind_veteran,
  coalesce(e.kind_police, 0)::integer as kind_police,
  coalesce(e.grade_d1, 0)::integer as grade_d1,
  coalesce(e.grade_d2, 0)::integer as grade_d2,
  coalesce(e.grade_d3, 0)::integer as grade_d3,
  coalesce(e.grade_d4, 0)::integer as grade_d4,
  coalesce(e.grade_v1_4, 0)::integer as grade_v1_4,
  coalesce(e.grade_v5_6, 0)::integer as grade_v5_6,
  coalesce(e.grade_v7_10, 0)::integer as grade_v7_10,
  coalesce(c.certified_count, 0)::numeric(12, 2) as certified_count,
  coalesce(c.required_count, 0)::numeric(12, 2) as required_count,
  greatest(coalesce(c.required_count - c.certified_count, 0), 0)::numeric(12, 2) as shortfall,
  greatest(coalesce(c.certified_count - c.required_count, 0), 0)::numeric(12, 2) as surplus,
  coalesce(c.levy, 0)::numeric(16, 2) as levy_estimate,
  c.ratio::numeric(12, 6) as ratio,
  case when not s.certified or c.certified_count is null then null
       when c.certified_count = 0 and c.required_count > 0 then 'none'
       when c.certified_count * 2 < c.required_count then 'under-half'
       when c.certified_count < c.required_count then 'below'
       when c.certified_count < c.required_count * 2 or c.required_count = 0 then 'at'
       else 'double' end as ratio_bucket,
  coalesce(s.certified and c.certified_count < c.required_count, false) as below_quota,
  coalesce(s.certified and c.certified_count > c.required_count, false) as above_quota
from filings f
cross join lateral (
  select f.status not in ('returned', 'withdrawn', 'transferred') as filed,
         f.status in ('certified', 'feedback', 'sent_to_tax', 'closed') as certified
) s
left join filing_reviews r on s.certified and r.filing_id = f.id
left join lateral (
  -- the current certificate's counts are what the paper shows; a certified filing without one (rows from before
  -- certificates) falls back to its stored review
  select coalesce(cert.certified_count, (r.result ->> 'certifiedCount')::numeric) as certified_count,
         coalesce(cert.required_count, (r.result ->> 'requiredCount')::numeric) as required_count,
         coalesce((r.result #>> '{levyEstimate,payable}')::numeric, 0) as levy,
         (r.result #>> '{levyEstimate,actualRatio}')::numeric as ratio
    from (select 1) one
    left join certificates cert on cert.filing_id = f.id and cert.superseded_at is null
   where s.certified and (r.filing_id is not null or cert.filing_id is not null)
) c on true
left join lateral (
  select count(*) as employees,
         count(*) filter (where d.e ->> 'certType' = 'disability') as kind_disability,
         count(*) filter (where d.e ->> 'certType' = 'veteran') as kind_veteran,
         count(*) filter (where d.e ->> 'certType' = 'police') as kind_police,
         count(*) filter (where d.e ->> 'certType' = 'disability' and d.grade = 1) as grade_d1,
         count(*) filter (where d.e ->> 'certType' = 'disability' and d.grade = 2) as grade_d2,
         count(*) filter (where d.e ->> 'certType' = 'disability' and d.grade = 3) as grade_d3,
         count(*) filter (where d.e ->> 'certType' = 'disability' and d.grade = 4) as grade_d4,
         count(*) filter (where d.e ->> 'certType' in ('veteran', 'police') and d.grade between 1 and 4) as grade_v1_4,
         count(*) filter (where d.e ->> 'certType' in ('veteran', 'police') and d.grade between 5 and 6) as grade_v5_6,
         count(*) filter (where d.e ->> 'certType' in ('veteran', 'police') and d.grade between 7 and 10) as grade_v7_10
    from jsonb_array_elements(r.result -> 'employees') x
    cross join lateral (
      select f.declaration -> 'employees' -> ((x ->> 'index')::integer) as e,
             case when jsonb_typeof(f.declaration -> 'employees' -> ((x ->> 'index')::integer) -> 'disabilityGrade') = 'number'
                  then (f.declaration -> 'employees' -> ((x ->> 'index')::integer) ->> 'disabilityGrade')::numeric end as grade
    ) d
   where (x ->> 'counted')::boolean
) e on s.certified and r.filing_id is not null;

-- How each employee's employment ends in one year's declaration and result, by the reasons the review gave the months
-- after the last counted one: AGE_OUT_OF_RANGE (the deployed retirement-age decision) → retired, CERT_EXPIRED →
-- certificate ended, an employment end before 31 December → left; null when the employment runs to the year's end.
create function supervision_employment_ends(declaration jsonb, result jsonb, year integer)
returns table (id_number text, employee_name text, reason text, last_month text)
language sql immutable as $$
  select e.emp ->> 'idNumber',
         coalesce(e.emp ->> 'name', ''),
         case when 'AGE_OUT_OF_RANGE' = any (t.tail) then 'retired'
              when 'CERT_EXPIRED' = any (t.tail) then 'certificate-ended'
              when e.emp ->> 'employedTo' < year || '-12-31' then 'left' end,
         case when 'AGE_OUT_OF_RANGE' = any (t.tail) or 'CERT_EXPIRED' = any (t.tail) then m.last_counted
              when e.emp ->> 'employedTo' < year || '-01-01' then null
              else left(e.emp ->> 'employedTo', 7) end
    from jsonb_array_elements(declaration -> 'employees') with ordinality e(emp, n)
    left join lateral (
      select x from jsonb_array_elements(result -> 'employees') x where (x ->> 'index')::integer = e.n - 1 limit 1
    ) r on true
    left join lateral (
      select max(mm ->> 'month') filter (where (mm ->> 'counted')::boolean) as last_counted
        from jsonb_array_elements(r.x -> 'months') mm
    ) m on true
    left join lateral (
      select coalesce(array_agg(distinct reason), '{}') as tail
        from jsonb_array_elements(r.x -> 'months') mm
        cross join lateral jsonb_array_elements_text(mm -> 'reasons') reason
       where m.last_counted is null or mm ->> 'month' > m.last_counted
    ) t on true
   where e.emp ->> 'idNumber' is not null
$$;

-- The exits found from one filing: its own employees whose months stop during its year, and last year's employees
-- of the unit it does not declare. Only an active filing with a stored review has any.
create function supervision_exits_of(p_filing uuid)
returns setof supervision_exits
language sql stable as $$
  with cur as (
    select f.id, f.year, f.employer_uscc, f.handling_region_code, f.declaration, r.result
      from filings f join filing_reviews r on r.filing_id = f.id
     where f.id = p_filing and f.status not in ('returned', 'withdrawn', 'transferred')
  ),
  prev as (
    select p.declaration, pr.result
      from cur
      cross join lateral (
        select * from filings p
         where p.employer_uscc = cur.employer_uscc and p.year = cur.year - 1
           and p.status not in ('returned', 'withdrawn', 'transferred')
         order by p.created_at desc limit 1
      ) p
      left join filing_reviews pr on pr.filing_id = p.id
  ),
  found as (
    select x.id_number, x.employee_name, x.reason, x.last_month, 1 as pass
      from cur cross join lateral supervision_employment_ends(cur.declaration, cur.result, cur.year) x
     where x.reason is not null
    union all
    select x.id_number, x.employee_name, coalesce(x.reason, 'not-declared'),
           coalesce(x.last_month, case when x.reason is null then (cur.year - 1) || '-12' end), 2
      from cur cross join prev
      cross join lateral supervision_employment_ends(prev.declaration, prev.result, cur.year - 1) x
     where not exists (
       select 1 from jsonb_array_elements(cur.declaration -> 'employees') c where upper(c ->> 'idNumber') = upper(x.id_number)
     )
  )
  select distinct on (h.person_hash)
         cur.id, cur.year, cur.employer_uscc, coalesce(cur.declaration #>> '{employer,name}', ''), cur.handling_region_code,
         h.person_hash, found.employee_name, supervision_mask_id(found.id_number), found.reason, found.last_month
    from cur cross join found
    cross join lateral (select supervision_person_hash(found.id_number) as person_hash) h
   order by h.person_hash, found.pass
$$;

-- Adds (sign 1) or takes away (sign -1) one fact row's contribution to its totals row.
create function supervision_apply_totals(r supervision_filing_facts, sign integer) returns void
language plpgsql as $$
begin
  if not r.filed then
    return;
  end if;
  insert into supervision_totals as t (
    year, county_code, industry, filed, new_units, online, "window", accepted, awaiting_confirmation, disputed, certified,
    sent_to_tax, certified_employees, kind_disability, kind_veteran, kind_police, grade_d1, grade_d2, grade_d3, grade_d4,
    grade_v1_4, grade_v5_6, grade_v7_10, below_quota_units, shortfall, levy_estimate, above_quota_units, surplus,
    bucket_none, bucket_under_half, bucket_below, bucket_at, bucket_double)
  values (
    r.year, r.county_code, r.industry, sign, sign * r.new_unit::integer, sign * r.online::integer, sign * r."window"::integer,
    sign * r.accepted::integer, sign * r.awaiting_confirmation::integer, sign * r.disputed::integer,
    sign * r.certified::integer, sign * r.sent_to_tax::integer, sign * r.certified_employees, sign * r.kind_disability,
    sign * r.kind_veteran, sign * r.kind_police, sign * r.grade_d1, sign * r.grade_d2, sign * r.grade_d3, sign * r.grade_d4,
    sign * r.grade_v1_4, sign * r.grade_v5_6, sign * r.grade_v7_10, sign * r.below_quota::integer, sign * r.shortfall,
    sign * r.levy_estimate, sign * r.above_quota::integer, sign * r.surplus,
    sign * (r.ratio_bucket is not distinct from 'none')::integer, sign * (r.ratio_bucket is not distinct from 'under-half')::integer,
    sign * (r.ratio_bucket is not distinct from 'below')::integer, sign * (r.ratio_bucket is not distinct from 'at')::integer,
    sign * (r.ratio_bucket is not distinct from 'double')::integer)
  on conflict (year, county_code, industry) do update set
    filed = t.filed + excluded.filed, new_units = t.new_units + excluded.new_units, online = t.online + excluded.online,
    "window" = t."window" + excluded."window", accepted = t.accepted + excluded.accepted,
    awaiting_confirmation = t.awaiting_confirmation + excluded.awaiting_confirmation, disputed = t.disputed + excluded.disputed,
    certified = t.certified + excluded.certified, sent_to_tax = t.sent_to_tax + excluded.sent_to_tax,
    certified_employees = t.certified_employees + excluded.certified_employees,
    kind_disability = t.kind_disability + excluded.kind_disability, kind_veteran = t.kind_veteran + excluded.kind_veteran,
    kind_police = t.kind_police + excluded.kind_police, grade_d1 = t.grade_d1 + excluded.grade_d1,
    grade_d2 = t.grade_d2 + excluded.grade_d2, grade_d3 = t.grade_d3 + excluded.grade_d3, grade_d4 = t.grade_d4 + excluded.grade_d4,
    grade_v1_4 = t.grade_v1_4 + excluded.grade_v1_4, grade_v5_6 = t.grade_v5_6 + excluded.grade_v5_6,
    grade_v7_10 = t.grade_v7_10 + excluded.grade_v7_10, below_quota_units = t.below_quota_units + excluded.below_quota_units,
    shortfall = t.shortfall + excluded.shortfall, levy_estimate = t.levy_estimate + excluded.levy_estimate,
    above_quota_units = t.above_quota_units + excluded.above_quota_units, surplus = t.surplus + excluded.surplus,
    bucket_none = t.bucket_none + excluded.bucket_none, bucket_under_half = t.bucket_under_half + excluded.bucket_under_half,
    bucket_below = t.bucket_below + excluded.bucket_below, bucket_at = t.bucket_at + excluded.bucket_at,
    bucket_double = t.bucket_double + excluded.bucket_double;
end
$$;

create function supervision_facts_to_totals() returns trigger
language plpgsql as $$
begin
  if current_setting('supervision.bulk', true) = 'on' then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    perform supervision_apply_totals(old, -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform supervision_apply_totals(new, 1);
  end if;
  return null;
end
$$;
create trigger supervision_facts_to_totals after insert or update or delete on supervision_filing_facts
  for each row execute function supervision_facts_to_totals();

create function supervision_exits_to_totals() returns trigger
language plpgsql as $$
begin
  if current_setting('supervision.bulk', true) = 'on' then
    return null;
  end if;
  if tg_op = 'DELETE' then
    update supervision_exit_totals set exits = exits - 1
     where year = old.year and county_code = old.county_code and reason = old.reason;
  else
    insert into supervision_exit_totals as t (year, county_code, reason, exits) values (new.year, new.county_code, new.reason, 1)
    on conflict (year, county_code, reason) do update set exits = t.exits + 1;
  end if;
  return null;
end
$$;
create trigger supervision_exits_to_totals after insert or delete on supervision_exits
  for each row execute function supervision_exits_to_totals();

-- Brings one filing's fact row (and, with `exits`, its exits) up to date; a change of whether it is filed or of its
-- declaration reaches the unit's filing of the next year too, whose "new unit" and exits depend on this one.
create function supervision_refresh(p_filing uuid, exits boolean) returns void
language plpgsql as $$
declare
  before supervision_filing_facts;
  after supervision_filing_facts;
  next_filing uuid;
begin
  if current_setting('supervision.bulk', true) = 'on' then
    return;
  end if;
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

create function supervision_filing_changed() returns trigger
language plpgsql as $$
begin
  perform supervision_refresh(new.id,
    tg_op = 'INSERT' or new.declaration is distinct from old.declaration
    or (new.status in ('returned', 'withdrawn', 'transferred')) <> (old.status in ('returned', 'withdrawn', 'transferred')));
  return null;
end
$$;
create trigger supervision_filing_changed
  after insert or update of status, declaration, handling_region_code, channel, year, employer_uscc on filings
  for each row execute function supervision_filing_changed();

create function supervision_part_changed() returns trigger
language plpgsql as $$
begin
  perform supervision_refresh(new.filing_id, tg_table_name = 'filing_reviews');
  return null;
end
$$;
create trigger supervision_review_changed after insert or update on filing_reviews
  for each row execute function supervision_part_changed();
create trigger supervision_dispute_changed after insert on disputes
  for each row execute function supervision_part_changed();
create trigger supervision_certificate_changed after insert or update on certificates
  for each row execute function supervision_part_changed();
create trigger supervision_tax_handover_changed after insert or update on tax_handovers
  for each row execute function supervision_part_changed();

-- Existing rows (supervision/rebuild.ts does the same for a year).
insert into supervision_filing_facts select * from supervision_fact_source;
insert into supervision_exits select x.* from filings f cross join lateral supervision_exits_of(f.id) x;
