-- After certification (附件1 §四(三)): the employer's feedback (年审认证反馈), the declaration as it was before each
-- modification the feedback opened, and the employer's rating of the service (好差评).

create table feedback (
  id               uuid primary key,
  filing_id        uuid not null references filings (id),
  -- as the employer wrote it; the process variable carries a copy with personal numbers masked
  reason           text not null check (char_length(reason) between 1 and 1000),
  filed_by         text not null,
  filed_at         timestamptz not null default now(),
  idempotency_key  text
);
create index feedback_by_filing on feedback (filing_id, filed_at);
-- A client that retries with the same Idempotency-Key gets the feedback it already filed.
create unique index feedback_idempotency on feedback (filed_by, idempotency_key) where idempotency_key is not null;

-- One rating per filing: rating again replaces the score and comment; rated_at is the first rating, updated_at the last.
create table ratings (
  filing_id   uuid primary key references filings (id),
  score       smallint not null check (score between 1 and 5),
  comment     text check (char_length(comment) <= 500),
  rated_by    text not null,
  rated_at    timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

-- Version n is the declaration as it stood before the n-th modification; filings.declaration holds the current one.
create table declaration_versions (
  filing_id    uuid not null references filings (id),
  version      integer not null check (version >= 1),
  declaration  jsonb not null,
  replaced_at  timestamptz not null default now(),
  replaced_by  text not null,
  primary key (filing_id, version)
);
