-- Certification confirmations (年审认证确认书): one per certification of a filing, found by the verification code
-- printed on it. A filing certified again after feedback and re-review gets a new one; the older is superseded.

create table certificates (
  -- XXXX-XXXX-XXXX-XXXX (certificates/verification-code.ts): random, so codes cannot be guessed or enumerated
  code              text primary key,
  filing_id         uuid not null references filings (id),
  -- 1 for the filing's first certification, 2… after feedback and re-review
  sequence          integer not null check (sequence >= 1),
  employer_uscc     text not null,
  -- the registered name when the registrar gave one, else the declared one: what the paper shows
  employer_name     text not null,
  year              integer not null,
  certified_count   numeric(12, 2) not null check (certified_count >= 0),
  required_count    numeric(12, 2) not null check (required_count >= 0),
  -- the person who certified (the employer's user), or 'system'
  certified_by      text not null,
  issued_at         timestamptz not null default now(),
  superseded_at     timestamptz,
  -- the engine's external task that issued it: a task handed out again issues nothing new
  source_task_id    text not null unique,
  unique (filing_id, sequence)
);
-- At most one current certificate per filing.
create unique index certificates_current on certificates (filing_id) where superseded_at is null;
