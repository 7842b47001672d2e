-- A message nobody waits for any more (a feedback that raced its window's end) is not tried for ever: after its
-- last attempt it is given up, visibly, with the engine's last refusal kept in last_error.
alter table outbox add column given_up_at timestamptz;
drop index outbox_pending;
create index outbox_pending on outbox (id) where dispatched_at is null and given_up_at is null;
