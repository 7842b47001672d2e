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

-- Engine actions audited as an intent before the engine is called and an outcome after (platform/http/audit.ts): a
-- crash between the two leaves an intent without an outcome, which the reconciler (operations/engine-intents.ts)
-- settles from what the engine says. These find such intents, and an intent's outcome, without reading the whole log.
create index audit_log_engine_intents on audit_log (seq) where action like '%.intent';
create index audit_log_intent_outcomes on audit_log ((detail ->> 'intentSeq')) where detail ? 'intentSeq';
