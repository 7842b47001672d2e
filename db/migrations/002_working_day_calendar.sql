-- The working-day calendar's overrides (docs/working-days.md): years administrators have published from the
-- State Council's annual notice, and the holidays and make-up working days they entered. An override day wins
-- over the chinese-days package for any year, so a package year can be corrected too.

create table calendar_years (
  year          integer primary key check (year between 1900 and 9999),
  published_at  timestamptz not null default now(),
  published_by  text not null,
  -- Where the days come from, e.g. the notice's number (国办发明电〔2026〕×号), for whoever checks them later.
  source        text not null
);

create table calendar_days (
  day   date primary key,
  kind  text not null check (kind in ('holiday', 'workday')),
  name  text not null
);
