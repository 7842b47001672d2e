// Who is calling: roles, their scope, and signed bearer tokens. Development sign-in issues tokens when no
// identity provider is configured (docs/contracts.md §4).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// `lead`: a county DPF's head (县级残联负责人), to whom missed county deadlines are escalated.
export const ROLES = ['employer', 'clerk', 'reviewer', 'lead', 'city', 'province', 'policy', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** The person behind the token: audit rows name them. */
  sub: string;
  /** The person's name as pages show it (who deployed a version), where the sign-in knows one. */
  name?: string;
  role: Role;
  /** Employers: their unit. */
  uscc?: string;
  /** Clerks, reviewers and county leads: their county; city: the city code (xxxx00); province: 330000. */
  regionCode?: string;
}

/**
 * Another system calling with its own credential rather than a person's token (the national platform delivering a
 * filing): it is named in created_by and the audit log, and has none of a person's roles.
 */
export interface SystemCaller {
  sub: string;
  role: 'system';
}

interface TokenPayload extends Identity {
  exp: number;
}

// Exactly `body.mac`, both base64url without padding: a third part, an empty part, padding or white space
// means someone else's token (a JWT, say) or a tampered one, refused before anything is decoded.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// RFC 6750 §2.1: the scheme in any case, one or more spaces, a b64token, then nothing but trailing white space.
const BEARER_HEADER = /^bearer +([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** The token of an `Authorization: Bearer …` header; undefined for a missing header or any other scheme or shape. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER_HEADER.exec(header)?.[1];
}

export class TokenSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    // An empty secret means a key for this process only: tokens end with it, which suits development.
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  sign(identity: Identity, now = Date.now()): string {
    const payload: TokenPayload = { ...identity, exp: Math.floor(now / 1000) + this.ttlSeconds };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The identity in a valid, unexpired token; undefined otherwise. */
  verify(token: string, now = Date.now()): Identity | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const [body, mac] = token.split('.') as [string, string];
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let payload: TokenPayload | null;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload | null;
    } catch {
      return undefined;
    }
    if (typeof payload !== 'object' || payload === null) return undefined;
    if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now) return undefined;
    const { exp: _exp, ...identity } = payload;
    return identity;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
