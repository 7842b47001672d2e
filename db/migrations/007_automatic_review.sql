-- The automatic review: what each department answered about a filing (its evidence, kept with the filing rather
-- than in process variables) and the review's result with the rule versions it was judged under.

create table review_evidence (
  filing_id uuid not null references filings (id),
  -- registration, dpf-certificates, veteran-certificates, pension, medical, wages
  source text not null,
  facts jsonb not null,
  -- the engine's external task that last recorded it: a task handed out again overwrites its own answer
  external_task_id text,
  recorded_at timestamptz not null default now(),
  primary key (filing_id, source)
);

create table filing_reviews (
  filing_id uuid primary key references filings (id),
  result jsonb not null,
  -- the deployed decisions (key, id, version) the filing was judged under: later runs use the same ones
  rules jsonb not null,
  external_task_id text,
  reviewed_at timestamptz not null default now()
);
