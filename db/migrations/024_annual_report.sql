-- The cities' annual summary reports to the province (通知 §六, processes/annual-report.bpmn): one per city and review
-- year, started once (the row is written with the process start in the outbox, in one transaction), its data section
-- frozen when the process prepares it, each submission kept as a version with its Word and PDF files, each reading by
-- the province kept with its decision and comment.
create table annual_reports (
  year            integer not null check (year between 2000 and 2999),
  city_code       text not null check (city_code ~ '^33[0-9]{2}00$'),
  business_key    text not null unique,
  started_at      timestamptz not null default now(),
  -- starting: the process start is queued; drafting: the city writes (again, after a return: returned)
  state           text not null default 'starting' check (state in ('starting', 'drafting', 'submitted', 'returned', 'accepted')),
  -- The supervision figures of the city at the moment the process prepared the report (SupervisionFigures JSON).
  figures         jsonb,
  figures_at      timestamptz,
  -- Set by the process (the diagram's deadline) once computed.
  due_at          timestamptz,
  updated_at      timestamptz not null default now(),
  primary key (year, city_code)
);

create table annual_report_versions (
  year               integer not null,
  city_code          text not null,
  version            integer not null check (version >= 1),
  industry_analysis  text not null,
  market_demand      text not null,
  recommendations    text not null,
  submitted_by       text,
  submitted_at       timestamptz not null default now(),
  docx               bytea not null,
  pdf                bytea not null,
  -- The engine's external task that rendered it: a task handed out again adds no second version.
  source_task_id     text not null unique,
  primary key (year, city_code, version),
  foreign key (year, city_code) references annual_reports (year, city_code)
);

create table annual_report_reviews (
  year            integer not null,
  city_code       text not null,
  version         integer not null,
  decision        text not null check (decision in ('accept', 'return')),
  comment         text not null default '',
  reviewed_by     text,
  reviewed_at     timestamptz not null default now(),
  source_task_id  text not null unique,
  foreign key (year, city_code, version) references annual_report_versions (year, city_code, version)
);
create index annual_report_reviews_by_report on annual_report_reviews (year, city_code, reviewed_at);
