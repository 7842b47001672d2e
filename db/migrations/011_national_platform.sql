-- Filings that came in or went out through the national platform (跨省通办): which way, the platform's id of the
-- transfer, the other province's office, and when. A filing crosses the platform once, one way.
create table national_transfers (
  filing_id          uuid primary key references filings (id),
  direction          text not null check (direction in ('inbound', 'outbound')),
  -- inbound: the transferId the platform delivered it under; outbound: the receiptId it gave for ours
  transfer_id        text not null unique,
  -- inbound: the office that received it; outbound: the office that will handle it (the employer's)
  other_region_code  text not null,
  -- inbound: when that office received it; outbound: when the platform took it
  at                 timestamptz not null,
  -- the engine's external task that sent it (outbound): a task handed out again records one row
  source_task_id     text unique,
  recorded_at        timestamptz not null default now()
);
