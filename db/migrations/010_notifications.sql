-- Notifications: a deadline's reminder before it and escalation after it (the annual review's `notify` task), the
-- concentrated filing period's reminder to units that have not filed yet, and plain notices. Each is addressed to a
-- candidate group (lead-330108, city-330100, employer-<uscc>, operator, …): whoever belongs to it reads it.

create table notifications (
  id               uuid primary key,
  recipient_group  text not null,
  kind             text not null check (kind in ('reminder', 'escalation', 'season-reminder', 'notice')),
  -- Chinese text as the reader sees it; the diagram's expressions were resolved by the engine before it got here.
  title            text not null,
  body             text not null,
  filing_id        uuid references filings (id),
  -- The deadline the notification is about, when it is about one.
  due_at           timestamptz,
  created_at       timestamptz not null default now(),
  -- A group shares one notification: the first of its members to open it marks it read for all.
  read_at          timestamptz,
  read_by          text,
  -- The engine's external task that wrote it: the same task handed out again writes nothing more.
  source_task_id   text,
  -- What makes a notification written by a sweep (the season reminder) the same one when the sweep runs again.
  dedup_key        text
);
create unique index notifications_one_per_task on notifications (source_task_id) where source_task_id is not null;
create unique index notifications_one_per_dedup_key on notifications (dedup_key) where dedup_key is not null;
-- A person's list: their groups, newest first.
create index notifications_by_group on notifications (recipient_group, created_at desc, id desc);
-- A filing's escalations, for its detail page.
create index notifications_by_filing on notifications (filing_id, created_at) where filing_id is not null;
