// Where a person starts, by role: employers in the portal, policy staff in the modeler, operators on their dashboard,
// the city and province in their supervision figures, other staff in the workbench.
// The same for the server (where sign-in lands) and the pages.
import type { Role } from './identity.ts';

export function homeOf(who: { role: Role }): string {
  if (who.role === 'operator') return '/operations';
  if (who.role === 'city' || who.role === 'province') return '/supervision';
  return who.role === 'employer' ? '/portal' : who.role === 'policy' ? '/modeler' : '/workbench';
}
