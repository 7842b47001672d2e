-- Sharing back to market regulation (附件2 §二, docs/share-back.md): once a year, after the season, each certified
-- unit's employment figures for the review year go to market regulation, which answers per unit. One row per unit
-- and year: written with the figures just before they are sent, the answer stored on it when it comes. A unit whose
-- row holds an answer is never sent again; one rejected is sent again only after an operator retried the incident its
-- rejection raised (`resend`).
create table employment_shares (
  uscc                text not null,
  year                integer not null check (year between 2000 and 2100),
  -- the figures as sent: {"staffCount": 120, "disabledEmployees": 2, "certifiedCount": 2.5, "requiredCount": 1.8}
  figures             jsonb not null,
  -- the filing the figures come from (its stored review and certificate)
  filing_id           uuid not null,
  -- how many times the unit was sent (a rejection resent after an operator's retry is the second)
  attempt             integer not null default 1,
  -- the Idempotency-Key of the batch it was last sent in
  batch_key           text,
  sent_at             timestamptz,
  -- accepted | rejected; null while no answer is stored
  outcome             text check (outcome in ('accepted', 'rejected')),
  receipt_number      text,
  reject_reason       text,
  answered_at         timestamptz,
  -- a rejection an operator's retry sends again; set when the incident is raised
  resend              boolean not null default false,
  primary key (uscc, year),
  check ((outcome = 'accepted') = (receipt_number is not null)),
  check ((outcome = 'rejected') = (reject_reason is not null))
);
create index employment_shares_unanswered on employment_shares (year, uscc) where outcome is null or resend;
