-- A tamper-evident audit trail (issue 20). Every entry carries its position (seq), the time the application gave it
-- (at), the hash of the entry before it (prev_hash) and its own hash: SHA-256 over its canonical serialisation, the
-- previous hash included (platform/audit-chain.ts). Changing, removing or reordering an entry breaks the chain that
-- `npm run audit:verify` walks. Nobody may update, delete or truncate the table (a trigger, whoever asks), and the
-- application acts as a role of its own, `<database>_app`, that may only insert into it and read it.

alter table audit_log
  add column seq bigint,
  add column prev_hash text,
  add column hash text;
-- The application sets it: the hash covers it, so the writer must know the exact value it stores.
alter table audit_log alter column at drop default;

-- The entries written before this migration are chained here, in the order they were written (id), so every entry,
-- old or new, is verified alike rather than trusted before a genesis entry. The serialisation is canonicalEntry's
-- of platform/audit-chain.ts, spelled in SQL: a JSON array of the format's name, seq, then at (UTC, microseconds),
-- actor, actor role, action, subject type, subject id, detail (as PostgreSQL prints the jsonb) and the previous hash,
-- each a JSON string (to_json escapes a text exactly as JSON.stringify does). test/integration/audit-chain.test.ts
-- holds the two spellings to one another.
do $$
declare
  entry record;
  previous text := repeat('0', 64);
  position bigint := 0;
begin
  for entry in select id, at, actor, actor_role, action, subject_type, subject_id, detail from audit_log order by id loop
    position := position + 1;
    update audit_log
       set seq = position,
           prev_hash = previous,
           hash = encode(sha256(convert_to(
             '["dpf-audit-1",' || position::text || ',' || array_to_string(array[
               to_json(to_char(entry.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
               to_json(entry.actor)::text,
               to_json(entry.actor_role)::text,
               to_json(entry.action)::text,
               to_json(entry.subject_type)::text,
               to_json(entry.subject_id)::text,
               to_json(entry.detail::text)::text,
               to_json(previous)::text
             ], ',') || ']', 'UTF8')), 'hex')
     where id = entry.id
     returning hash into previous;
  end loop;
end
$$;

alter table audit_log
  alter column seq set not null,
  alter column prev_hash set not null,
  alter column hash set not null,
  add constraint audit_log_seq_unique unique (seq),
  add constraint audit_log_seq_positive check (seq >= 1),
  add constraint audit_log_hashes_hex check (prev_hash ~ '^[0-9a-f]{64}$' and hash ~ '^[0-9a-f]{64}$');

-- Append-only for everyone, the owner and superusers included: only someone who first disables the trigger (the
-- table's owner or a superuser, deliberately) can change an entry — and then the chain tells.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();

-- The application's role: `<database>_app`, one per database (roles are the server's, shared by every database on
-- it, so each database's application gets its own and no grant reaches another's). NOLOGIN: the application
-- connects as DATABASE_URL's user and acts as this role from its first statement (platform/db.ts createAppPool),
-- so whatever our code sends, it may read and write the application's tables but only insert into and read the
-- audit trail, and change no table's shape. Migrations run as DATABASE_URL's user (the owner).
do $$
declare
  app text := current_database() || '_app';
begin
  if octet_length(app) > 63 then
    raise exception 'the database name "%" is too long for its application role "%" (63 bytes at most)', current_database(), app;
  end if;
  if not exists (select 1 from pg_roles where rolname = app) then
    execute format('create role %I nologin', app);
  end if;
  if exists (select 1 from pg_roles where rolname = app
              and (rolsuper or rolcanlogin or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls))
     or exists (select 1 from pg_auth_members m join pg_roles r on r.oid = m.member where r.rolname = app) then
    raise exception 'role "%" exists with more than an application role may have (login, superuser, a member of other roles): drop it or make it NOLOGIN and nothing else', app;
  end if;
  -- The owner acts as the role: a superuser may already; anyone else becomes a member.
  if not (select rolsuper from pg_roles where rolname = current_user) and not pg_has_role(current_user, app, 'member') then
    execute format('grant %I to %I', app, current_user);
  end if;

  execute format('grant usage on schema public to %I', app);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
  execute format('grant usage, select on all sequences in schema public to %I', app);
  execute format('revoke insert, update, delete, truncate on schema_migrations from %I', app);
  execute format('revoke update, delete, truncate on audit_log from %I', app);
  -- Tables and sequences later migrations make (run as this same owner) are the application's to use as well.
  execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app);
  execute format('alter default privileges in schema public grant usage, select on sequences to %I', app);
end
$$;
