-- Every deployment policy staff make through POST /api/deployments (issue 13): who changed the procedure, when and
-- why. Written after the engine accepted it. An unchanged submission is recorded too (the engine made nothing new
-- and named its latest deployment), so one engine deployment id may appear on more than one row.
create table deployments (
  id             bigserial primary key,
  deployment_id  text not null,
  note           text not null check (char_length(note) between 1 and 500),
  deployed_by    text not null,
  deployed_at    timestamptz not null default now(),
  -- true when nothing changed: the engine answered with its latest deployment and made no new versions
  unchanged      boolean not null,
  -- [{name, kind, key, version, definitionId}]: what each submitted file became (version null where unchanged)
  resources      jsonb not null
);
create index deployments_by_engine_id on deployments (deployment_id);
