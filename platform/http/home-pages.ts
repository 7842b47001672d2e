// Where a person starts, by role: employers in the portal, policy staff in the modeler, operators on their dashboard,
// other staff in the workbench.
// The same for the server (where sign-in lands) and the pages.
import type { Role } from './identity.ts';

export function homeOf(who: { role: Role }): string {
  if (who.role === 'operator') return '/operations';
  return who.role === 'employer' ? '/portal' : who.role === 'policy' ? '/modeler' : '/workbench';
}
