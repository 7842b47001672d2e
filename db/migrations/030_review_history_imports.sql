-- The history imports (通知 §六, docs/review-history.md): each upload of the 2020–2021 review workbook, its dry run or
-- its import, with the progress a page polls and every problem found. The rows themselves go to review_history and
-- review_history_employees (028), replaced per unit-year in the import's one transaction.
create table review_history_imports (
  id             uuid primary key,
  -- true: only checked, nothing written whatever the outcome
  dry_run        boolean not null,
  -- reading → checking → writing → done | refused (problems found, nothing written) | failed (an error of ours, nothing written)
  state          text not null check (state in ('reading', 'checking', 'writing', 'done', 'refused', 'failed')),
  created_by     text not null,
  created_role   text not null,
  -- the importer's region (a city xxxx00 or the province 330000): the units it may import lie within it
  region_code    text not null,
  file_name      text not null default '',
  -- unit-year rows of the workbook, and how many have been checked or written so far
  rows_total     integer not null default 0,
  rows_done      integer not null default 0,
  employees_total integer not null default 0,
  -- unit-years replaced (already imported before) and new, once done
  replaced       integer not null default 0,
  -- every problem, [{sheet, row, column, code, message}], at most ERRORS_KEPT (error_count says how many in all)
  errors         jsonb not null default '[]',
  error_count    integer not null default 0,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  finished_at    timestamptz
);
create index review_history_imports_by_creator on review_history_imports (created_by, created_at desc);

-- The exits of a filing (023) also read the unit's previous year from the imported history when the unit filed no
-- declaration that year here: the 2022 season's exits compare with the 2021 workbook's employees.
create or replace function supervision_exits_of(p_filing uuid)
returns setof supervision_exits
language sql stable as $$
  with cur as (
    select f.id, f.year, f.employer_uscc, f.handling_region_code, f.declaration, r.result
      from filings f join filing_reviews r on r.filing_id = f.id
     where f.id = p_filing and f.status not in ('returned', 'withdrawn', 'transferred')
  ),
  prev_filed as (
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
  prev as (
    select declaration, result from prev_filed
    union all
    -- an imported year has no review result: an employee whose employment ended before 31 December left
    select jsonb_build_object('employees', coalesce(jsonb_agg(e.employee order by e.position), '[]'::jsonb)), null::jsonb
      from cur join review_history h on h.uscc = cur.employer_uscc and h.year = cur.year - 1
      left join review_history_employees e on e.uscc = h.uscc and e.year = h.year
     where not exists (select 1 from prev_filed)
     group by h.uscc
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

