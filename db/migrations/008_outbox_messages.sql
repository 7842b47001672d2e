-- The outbox also carries message correlations (a feedback filed, a department's answer): several per filing, so a
-- command is unique by its own key within the business key, not by the business key alone.
alter table outbox add column command_key text not null default '';
alter table outbox drop constraint outbox_command_business_key_key;
create unique index outbox_one_command on outbox (command, business_key, command_key);
