// The shapes of the registrars' change feeds (附件2 §二 market regulation, §七 civil affairs, §八 establishment office):
// a record in registrar-changes.json and the feed's answer, which a real department's adapter must produce too.
// Each registrar numbers its own records 1, 2, 3, … without gaps; a reader asks for what follows the last it applied.
import { REGISTRARS, USCC_PATTERN, type Registrar } from '../registration/schema.ts';

export { REGISTRARS, type Registrar };

export const CHANGE_TYPES = [
  'registered',
  'deregistered',
  'abnormal-listed',
  'abnormal-removed',
  'irregular-listed',
  'irregular-removed',
  'details-changed',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** One change a registrar published. `name`, `regionCode`, `unitNature` are required for `registered`. */
export interface RegistrarChange {
  sequence: number;
  uscc: string;
  changeType: ChangeType;
  /** The day the change took effect at the registrar (YYYY-MM-DD). */
  effectiveOn: string;
  name?: string;
  /** The county (6-digit administrative code) the unit is registered in. */
  regionCode?: string;
  /** GB/T 4754 industry code; null when the registrar gives none. */
  industryCode?: string | null;
  /** As the filings name it: enterprise, government_agency, public_institution, social_organization, … */
  unitNature?: string;
}

/** A record of the simulator's data file: the change and the registrar that published it. */
export interface RegistrarChangeRecord extends RegistrarChange {
  registrar: Registrar;
}

/** The answer to GET /{registrar}/changes?after=N&limit=M: the records after N, in sequence order, at most M. */
export interface RegistrarChangesAnswer {
  registrar: Registrar;
  records: RegistrarChange[];
}

export const MAX_FEED_LIMIT = 1000;

const changeProperties = {
  sequence: { type: 'integer', minimum: 1 },
  uscc: { type: 'string', pattern: USCC_PATTERN },
  changeType: { type: 'string', enum: CHANGE_TYPES },
  effectiveOn: { type: 'string', format: 'date' },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  regionCode: { type: 'string', pattern: '^[0-9]{6}$' },
  industryCode: { type: ['string', 'null'], pattern: '^[A-T]?[0-9]{0,4}$', maxLength: 5 },
  unitNature: { type: 'string', minLength: 1, maxLength: 40 },
} as const;

// A registration must say what the register needs to hold the unit; other changes carry only what changed.
const registrationNeedsDetails = {
  if: { properties: { changeType: { const: 'registered' } } },
  then: {
    required: ['name', 'regionCode', 'unitNature'],
    properties: { name: changeProperties.name, regionCode: changeProperties.regionCode, unitNature: changeProperties.unitNature },
  },
} as const;

// Extra fields are allowed: docs/contracts.md lets fields be added, and readers take only what they know.
export const registrarChangeSchema = {
  type: 'object',
  required: ['sequence', 'uscc', 'changeType', 'effectiveOn'],
  properties: changeProperties,
  ...registrationNeedsDetails,
} as const;

export const registrarChangeRecordSchema = {
  type: 'object',
  required: ['registrar', 'sequence', 'uscc', 'changeType', 'effectiveOn'],
  properties: { registrar: { type: 'string', enum: REGISTRARS }, ...changeProperties },
  ...registrationNeedsDetails,
} as const;

export const registrarChangesAnswerSchema = {
  type: 'object',
  required: ['registrar', 'records'],
  properties: {
    registrar: { type: 'string', enum: REGISTRARS },
    records: { type: 'array', maxItems: MAX_FEED_LIMIT, items: registrarChangeSchema },
  },
} as const;
