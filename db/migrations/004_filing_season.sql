-- The filing season (docs/filing-season.md): when employers may file, as a versioned policy setting. Each change
-- is a new row, so the history says who moved which period when; the newest row is the one in force.
-- Dates are month-days ('MM-DD') so one row serves every year; 02-29 means the last day of February. Collation "C"
-- makes the order checks compare them character by character, whatever the database's locale.

create table filing_season_settings (
  id                   bigserial primary key,
  certification_start  text collate "C" not null,
  certification_end    text collate "C" not null,
  concentrated_start   text collate "C" not null,
  concentrated_end     text collate "C" not null,
  set_by               text not null,
  set_at               timestamptz not null default now(),
  -- Why it changed, e.g. the notice that moved the period, for whoever reads the history later.
  note                 text,
  -- The API checks real dates and gives field-level messages; these keep a hand-written row from breaking the gate.
  constraint filing_season_month_days check (
    certification_start ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    and certification_end ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    and concentrated_start ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
    and concentrated_end ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
  constraint filing_season_order check (
    certification_start <= concentrated_start and concentrated_start <= concentrated_end
    and concentrated_end <= certification_end)
);

-- 浙残联发〔2022〕3号 附件1 §四: certification 1 March – 31 December, concentrated filing 1 April – 30 June.
insert into filing_season_settings (certification_start, certification_end, concentrated_start, concentrated_end, set_by, note)
values ('03-01', '12-31', '04-01', '06-30', 'seed: 浙残联发〔2022〕3号', '通知规定的默认时间：认证期 3 月 1 日至 12 月 31 日，集中申报期 4 月 1 日至 6 月 30 日');
