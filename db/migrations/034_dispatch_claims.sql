-- Dispatched workers counted once (财税〔2015〕72号 art. 8, docs/review.md §Dispatch): a disabled person employed
-- through a dispatch agency counts, by the agency's and host's agreement, in ONE of their filings. Each month a
-- filing's review counts such a person is claimed here, keyed by the year, the person (the supervision HMAC of the ID
-- number, never the number) and the agency (the agency's own USCC at the agency, the declared dispatchAgencyUscc at
-- the host) and the month. The first review to count a month holds it; a later filing's review finds it held and
-- does not count it (DISPATCH_COUNTED_ELSEWHERE). Written by count-employees in the same transaction as the review's
-- result, so a re-run replaces its own claims and keeps their time.
create table dispatch_claims (
  year            integer not null check (year between 2000 and 2100),
  person_hash     text not null,
  agency_uscc     text not null,
  -- YYYY-MM
  month           text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  filing_id       uuid not null references filings (id),
  -- the person's position in that filing's declared employees
  employee_index  integer not null,
  claimed_at      timestamptz not null default now(),
  primary key (year, person_hash, agency_uscc, month)
);
create index dispatch_claims_by_filing on dispatch_claims (filing_id);

-- A filing's review found months of a dispatched person already counted by another filing: a finding for both
-- counties (the filing that was refused the months and the one that holds them), shown to the staff beside each
-- filing. Replaced with each review of the refused filing.
create table dispatch_claim_conflicts (
  refused_filing_id  uuid not null references filings (id),
  refused_index      integer not null,
  holding_filing_id  uuid not null references filings (id),
  holding_index      integer not null,
  agency_uscc        text not null,
  id_number_masked   text not null,
  -- YYYY-MM, sorted: the months the refused filing claimed and the holding filing holds
  months             text[] not null,
  created_at         timestamptz not null default now(),
  primary key (refused_filing_id, refused_index, holding_filing_id)
);
create index dispatch_claim_conflicts_by_holder on dispatch_claim_conflicts (holding_filing_id);
