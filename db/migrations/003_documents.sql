-- Documents attached to filings: scanned window materials and dispute evidence. The bytes are files under
-- DOCUMENT_DIR named by their SHA-256; a row is written only after its file is in place.

create table documents (
  id              uuid primary key,
  filing_id       uuid not null references filings (id),
  kind            text not null check (kind in ('scan', 'evidence', 'other')),
  -- Evidence about one declared employee: the position in the declaration's employees array.
  employee_index  integer check (employee_index >= 0),
  original_name   text not null,
  -- Detected from the content, never taken from the client.
  media_type      text not null,
  size_bytes      bigint not null check (size_bytes >= 0),
  sha256          text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by     text not null,
  uploaded_at     timestamptz not null default now()
);
create index documents_by_filing on documents (filing_id, uploaded_at);
