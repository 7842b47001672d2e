-- Deadlines counted across a year whose holidays were not yet published (docs/working-days.md): what each was
-- counted from, so that it is counted again — and its timers, tasks and variables moved — once the year is.
create table provisional_deadlines (
  -- The compute-due-date external task: one row however often the task is handed out again.
  task_id text primary key,
  process_instance_id text not null,
  start_at timestamptz not null,
  working_days integer not null,
  remind_before integer,
  due_at text not null,
  remind_at text,
  years integer[] not null,
  recorded_at timestamptz not null default now()
);
create index provisional_deadlines_years on provisional_deadlines using gin (years);
