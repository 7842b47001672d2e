-- The units under management (docs/units.md): the register the three registrars keep current through their change
-- feeds (附件2 §二 market regulation, §七 civil affairs, §八 establishment office), and the review years before the
-- system (通知 §六, 2020 and 2021), imported from the federations' workbooks. A filing never writes here: its differing
-- details stay the filing's `discrepancies`.

-- One row per unit any registrar in Zhejiang knows. `registrar` as in the USCC's first character (docs/domain.md §6).
create table unit_register (
  uscc            text primary key,
  name            text not null,
  registrar       text not null check (registrar in ('samr', 'civil', 'org')),
  -- active | deregistered (注销) | abnormal (经营异常名录) | irregular (税务非正常户)
  status          text not null check (status in ('active', 'deregistered', 'abnormal', 'irregular')),
  status_since    date not null,
  region_code     text not null,
  -- GB/T 4754 code as registered; null when the registrar gives none
  industry_code   text,
  -- 企业 | 机关 | 事业单位 | 社会团体 | 民办非企业单位 | … as the filings name it
  unit_nature     text not null,
  registered_on   date,
  updated_at      timestamptz not null default now()
);
create index unit_register_by_region on unit_register (region_code, status, uscc);
create index unit_register_by_name on unit_register (name text_pattern_ops);

-- Every change applied to the register, with its source: a feed's record (registrar + sequence, applied once), or
-- the initial load. `changes` holds the fields the record changed ({"name": "…", "regionCode": "…"}).
create table unit_register_changes (
  id              bigserial primary key,
  uscc            text not null references unit_register (uscc),
  registrar       text not null,
  -- the feed's sequence number; null for a change not from a feed
  sequence        bigint,
  -- registered | deregistered | abnormal-listed | abnormal-removed | irregular-listed | irregular-removed | details-changed
  change_type     text not null,
  status_before   text,
  status_after    text not null,
  effective_on    date not null,
  changes         jsonb not null default '{}',
  source          text not null,
  recorded_at     timestamptz not null default now(),
  unique (registrar, sequence)
);
create index unit_register_changes_by_unit on unit_register_changes (uscc, id);

-- Where each registrar's feed was read up to: the next pull asks for what follows `last_sequence`.
create table registrar_feed_cursors (
  registrar       text primary key check (registrar in ('samr', 'civil', 'org')),
  last_sequence   bigint not null default 0,
  updated_at      timestamptz not null default now()
);
insert into registrar_feed_cursors (registrar) values ('samr'), ('civil'), ('org');

-- Review years before the system, one row per unit and year, as the history workbook gives them (imported; a
-- corrected file replaces its unit-years).
create table review_history (
  uscc             text not null,
  year             integer not null check (year between 2000 and 2100),
  unit_name        text not null,
  -- the county the unit belonged to: from the register where known, else the importer's own region
  region_code      text not null,
  staff_count      integer not null,
  average_wage     numeric(14, 2) not null,
  certified_count  numeric(12, 2) not null,
  required_count   numeric(12, 2) not null,
  levy_paid        numeric(16, 2) not null,
  import_id        uuid not null,
  imported_at      timestamptz not null default now(),
  primary key (uscc, year)
);
create index review_history_by_year_region on review_history (year, region_code);

-- The disabled employees of an imported unit-year, one row per employee in the workbook's order. `employee` holds
-- the declaration's Employee fields the workbook has (name, idNumber, certType, certNumber, disabilityGrade,
-- employmentType, employedFrom, employedTo, annualWage), checked as a filing's are.
create table review_history_employees (
  uscc            text not null,
  year            integer not null,
  position        integer not null,
  employee        jsonb not null,
  primary key (uscc, year, position),
  foreign key (uscc, year) references review_history (uscc, year) on delete cascade
);

-- The levy the tax bureau reports collected (附件2 §三), per unit and levy year, beside our estimate.
create table levy_collections (
  uscc            text not null,
  -- the data year whose levy this is (2025's employment, levied in 2026)
  year            integer not null,
  amount          numeric(16, 2) not null,
  collected_on    date,
  reported_at     timestamptz not null default now(),
  primary key (uscc, year)
);
