// What the supervision API answers, as the page reads it: the figures' agreed shape (supervision/figures-types.ts,
// which the annual report freezes too) and the drill and exit lists of the contract (api/supervision.ts).
import type { FromSchema } from 'json-schema-to-ts';
import type { supervisionExitListSchema, supervisionFilingListSchema } from '../../../../api/supervision.ts';

export type {
  SupervisionCountyRow as CountyFigures,
  SupervisionFigures,
  SupervisionIndustryRow as IndustryFigures,
  SupervisionProgress,
} from '../../../../supervision/figures-types.ts';

export type SupervisionFilings = FromSchema<typeof supervisionFilingListSchema>;
export type SupervisionFiling = SupervisionFilings['items'][number];
export type SupervisionExits = FromSchema<typeof supervisionExitListSchema>;
export type SupervisionExit = SupervisionExits['items'][number];
