-- Effects the workers make outside our database that no table of their own records (a report to the national
-- platform): the intent is written before the call and marked done with its result after it, keyed by what makes
-- the effect one effect. A task handed out again (its worker died after the call, before reporting to the engine)
-- finds the effect done and does not repeat it; one found as intent repeats the call with the same idempotency key,
-- which the department recognises. Also a trace that the business key's process instance existed (outbox).
create table effects (
  kind            text not null,
  effect_key      text not null,
  business_key    text,
  -- the engine's external task that made it
  source_task_id  text not null,
  state           text not null check (state in ('intent', 'done')),
  result          jsonb,
  intended_at     timestamptz not null default now(),
  done_at         timestamptz,
  primary key (kind, effect_key),
  check ((state = 'done') = (done_at is not null))
);
create index effects_by_business_key on effects (business_key);
