// Server-side sessions in PostgreSQL (docs/contracts.md §4): the browser holds an opaque secret, the database what it
// stands for. A session ends after `idleSeconds` without a request, `absoluteSeconds` after it began, at logout, or
// when an administrator revokes every session of a person.
import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db.ts';
import type { Identity } from '../platform/http/identity.ts';

export type SessionKind = 'oidc' | 'development';
export type SessionEnd = 'logout' | 'revoked' | 'expired';

export interface ActiveSession {
  /** The row's id: names the session in the audit trail, never lets anyone in. */
  id: string;
  identity: Identity;
  kind: SessionKind;
  /** Sent back in `X-CSRF-Token` on every state-changing request made with the cookie. */
  csrfToken: string;
  /** The provider's ID token, for ending its session too. */
  idToken?: string;
  createdAt: Date;
  /** When the session ends at the latest (its absolute limit). */
  expiresAt: Date;
}

export interface SessionOptions {
  idleSeconds: number;
  absoluteSeconds: number;
  /** Keys the stored hash of each session's secret; a random key per process when empty (sessions end with it). */
  secret: string;
  now?: () => Date;
}

// A request seen less than this long after the last one does not write `last_seen_at` again: idle expiry is
// counted in minutes, so a write per request would only slow every call.
const TOUCH_AFTER_MS = 15_000;

// Opaque secrets: 32 random bytes, base64url — the shape a bearer header or a cookie carries unchanged.
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

interface SessionRow {
  id: string;
  identity: Identity;
  kind: SessionKind;
  csrf_token: string;
  id_token: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

export class Sessions {
  private readonly key: Buffer;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    readonly options: SessionOptions,
  ) {
    this.key = options.secret ? Buffer.from(options.secret, 'utf8') : randomBytes(32);
    this.now = options.now ?? (() => new Date());
  }

  async start(identity: Identity, how: { kind: SessionKind; idToken?: string; address?: string; userAgent?: string }): Promise<{ token: string; session: ActiveSession }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.options.absoluteSeconds * 1000);
    const { rows } = await this.db.query<{ id: string }>(
      `insert into sessions (secret_hash, sub, identity, kind, csrf_token, id_token, address, user_agent, created_at, last_seen_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) returning id::text`,
      [this.hash(token), identity.sub, JSON.stringify(identity), how.kind, csrfToken, how.idToken ?? null, how.address ?? null, how.userAgent?.slice(0, 500) ?? null, now, expiresAt],
    );
    return { token, session: { id: rows[0]!.id, identity, kind: how.kind, csrfToken, ...(how.idToken ? { idToken: how.idToken } : {}), createdAt: now, expiresAt } };
  }

  /** The live session a secret opens; undefined for an unknown, ended, idle or expired one (which is ended here). */
  async resolve(token: string): Promise<ActiveSession | undefined> {
    if (!SECRET_SHAPE.test(token)) return undefined;
    const { rows } = await this.db.query<SessionRow>(
      `select id::text, identity, kind, csrf_token, id_token, created_at, last_seen_at, expires_at
         from sessions where secret_hash = $1 and ended_at is null`,
      [this.hash(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    const now = this.now();
    if (row.expires_at <= now || row.last_seen_at.getTime() + this.options.idleSeconds * 1000 <= now.getTime()) {
      await this.db.query(`update sessions set ended_at = $2, end_reason = 'expired' where id = $1 and ended_at is null`, [row.id, now]);
      return undefined;
    }
    if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_AFTER_MS) {
      await this.db.query('update sessions set last_seen_at = $2 where id = $1', [row.id, now]);
    }
    return sessionOf(row);
  }

  /** Ends the session a secret opens; the session it was, if it was live. */
  async end(token: string, reason: SessionEnd): Promise<ActiveSession | undefined> {
    if (!SECRET_SHAPE.test(token)) return undefined;
    const { rows } = await this.db.query<SessionRow>(
      `update sessions set ended_at = $2, end_reason = $3 where secret_hash = $1 and ended_at is null
       returning id::text, identity, kind, csrf_token, id_token, created_at, last_seen_at, expires_at`,
      [this.hash(token), this.now(), reason],
    );
    return rows[0] ? sessionOf(rows[0]) : undefined;
  }

  /** Ends every live session of a person (an administrator's revocation); how many there were. */
  async revokeAllOf(sub: string): Promise<number> {
    const result = await this.db.query(`update sessions set ended_at = $2, end_reason = 'revoked' where sub = $1 and ended_at is null`, [sub, this.now()]);
    return result.rowCount ?? 0;
  }

  private hash(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('base64url');
  }
}

function sessionOf(row: SessionRow): ActiveSession {
  return {
    id: row.id,
    identity: row.identity,
    kind: row.kind,
    csrfToken: row.csrf_token,
    ...(row.id_token ? { idToken: row.id_token } : {}),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** The installation's sessions; production refuses to start with a per-process key (every restart would sign everyone out). */
export function sessionsFor(db: Db, config: Pick<Config, 'nodeEnv' | 'sessionSecret' | 'sessionIdleSeconds' | 'sessionAbsoluteSeconds'>, now?: () => Date): Sessions {
  if (config.nodeEnv === 'production' && !config.sessionSecret) {
    throw new ConfigError('NODE_ENV=production needs SESSION_SECRET (at least 32 bytes): without it every restart would end every session');
  }
  return new Sessions(db, { idleSeconds: config.sessionIdleSeconds, absoluteSeconds: config.sessionAbsoluteSeconds, secret: config.sessionSecret, ...(now ? { now } : {}) });
}
