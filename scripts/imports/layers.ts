// The layers of the layout, lowest first: a file may import from its own layer and the layers below it. Each unit is
// a folder (a capability, or a part of one that others build on); a file belongs to the longest unit its path starts
// with. The README's layout section explains each; the layout test holds the code to them.
/** The unit of every capability's routes file. */
export const ROUTES = '*-routes.ts';

export const LAYERS: readonly (readonly string[])[] = [
  ['platform/'],
  ['domain/', 'filings/declaration/'],
  ['platform/http/', 'connectors/', 'dmn-evaluator/', 'outbox/', 'calendar/', 'season/', 'sign-in/', 'staff/'],
  // The API's contract: imported by the routes and by the pages.
  ['api/'],
  ['review/', 'employers/', 'national-platform/'],
  ['filings/'],
  ['documents/', 'notifications/', 'ratings/', 'tax-handover/', 'certificates/', 'employee-import/', 'share-back/', 'review-history/'],
  ['tasks/'],
  // Over-quota rewards: candidates and decisions; the county's confirmation check, above, reads them.
  ['rewards/'],
  ['completion-checks/'],
  // The supervision figures (read from their own tables), below the workers: the annual report's preparation freezes them.
  ['supervision/'],
  // The register of units: read from its own tables and the filings'; the feeds' workers, above, write it.
  ['units/'],
  // The cities' annual summary reports: built on the figures, the certificates' font and the outbox; its workers sit above.
  ['annual-report/'],
  ['workers/'],
  ['deployment/', 'deadlines/', 'operations/'],
  ['impact-preview/'],
  // The embedded development identity provider: the system (server/system.ts) starts it when no OIDC_ISSUER is set.
  ['dev-identity-provider/'],
  // Every capability's HTTP routes (`*-routes.ts`) sit on all the capabilities' stores and logic: a filing's page
  // gathers its review, rating, tax hand-over and escalations; other routes ask the filing routes who may read a filing.
  [ROUTES],
  ['server/'],
  ['scripts/', 'vitest.config.ts'],
  // The pages: the modeler is bundled into the web application, whose shell (`web/src/App.tsx`, the pages) routes to it.
  ['web/src/lib/', 'web/src/components/'],
  ['web-modeler/'],
  ['web/'],
];

/**
 * The imports allowed to run up a layer, each with its reason (the README's layout section repeats them). A file
 * pair here that no longer exists in the code fails the layout test too, so this list never outlives its reasons.
 */
export const UPWARD_IMPORTS: readonly { from: string; to: string; reason: string }[] = [];

export function unitOf(file: string): string | null {
  if (file.endsWith(ROUTES.slice(1)) && !file.startsWith('web')) return ROUTES;
  let best: string | null = null;
  for (const layer of LAYERS) for (const unit of layer) if (file.startsWith(unit) && (!best || unit.length > best.length)) best = unit;
  return best;
}

export function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}
