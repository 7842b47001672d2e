// Who is calling: roles and their scope, and the bearer header a session's secret may come in (docs/contracts.md §4).

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

// RFC 6750 §2.1: the scheme in any case, one or more spaces, a b64token, then nothing but trailing white space.
const BEARER_HEADER = /^bearer +([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

/** The token of an `Authorization: Bearer …` header; undefined for a missing header or any other scheme or shape. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER_HEADER.exec(header)?.[1];
}
