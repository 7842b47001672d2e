// The shapes of the unit-registration integration: a record in registrations.json (docs/contracts.md §3) and
// the registration service's answer, which a real department's adapter must produce too.
import type { Registrar } from '../../domain/identifiers/uscc.ts';

export type { Registrar };
/** Market regulation, civil affairs, organisation establishment office (docs/domain.md §6). */
export const REGISTRARS = ['samr', 'civil', 'org'] as const satisfies readonly Registrar[];

export const REGISTRATION_STATUSES = ['active', 'deregistered', 'abnormal'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Shape only (18 characters of the USCC alphabet, no I O S V Z); the check digit is the filing API's job. */
export const USCC_PATTERN = '^[0-9A-HJ-NP-RTUW-Y]{18}$';

export interface RegistrationRecord {
  uscc: string;
  name: string;
  registrar: Registrar;
  status: RegistrationStatus;
  /** When the status last changed: YYYY-MM-DD or an ISO date-time. */
  changedAt: string;
}

/** The answer to GET /:registrar/units/:uscc — today the record itself. */
export type RegistrationAnswer = RegistrationRecord;

const recordProperties = {
  uscc: { type: 'string', pattern: USCC_PATTERN },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  registrar: { type: 'string', enum: REGISTRARS },
  status: { type: 'string', enum: REGISTRATION_STATUSES },
  changedAt: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
} as const;

// Extra fields are allowed in both: docs/contracts.md lets fields be added, and readers take only what they know.
export const registrationRecordSchema = {
  type: 'object',
  required: ['uscc', 'name', 'registrar', 'status', 'changedAt'],
  properties: recordProperties,
} as const;

export const registrationAnswerSchema = {
  type: 'object',
  required: ['uscc', 'name', 'registrar', 'status', 'changedAt'],
  properties: recordProperties,
} as const;
