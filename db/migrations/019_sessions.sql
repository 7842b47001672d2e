-- Server-side sessions (issue 20): the browser holds only an opaque secret in an HttpOnly cookie; what it stands for
-- lives here, so a session can be ended — by its owner, by idle or absolute expiry, or by an administrator — at once.
-- Only a keyed hash of the secret is stored: a read of this table gives no one a way in.
create table sessions (
  id bigint generated always as identity primary key,
  secret_hash text not null unique,
  sub text not null check (char_length(sub) between 1 and 200),
  identity jsonb not null,
  kind text not null check (kind in ('oidc', 'development')),
  csrf_token text not null,
  -- The provider's ID token, for ending the provider's session too at logout (id_token_hint).
  id_token text,
  address text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text check (end_reason in ('logout', 'revoked', 'expired'))
);
create index sessions_live_by_sub on sessions (sub) where ended_at is null;
