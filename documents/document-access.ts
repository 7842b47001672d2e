// Who may add documents to a filing (docs/domain.md §3, §8): the employer itself (evidence for a dispute), the
// window clerks of the office that received it or handles it (scanned paper), and the handling county's
// reviewers (material gathered in manual review). Reading follows canReadFiling in platform/http/access.ts.
import type { FilingScope } from '../platform/http/access.ts';
import type { Identity } from '../platform/http/identity.ts';

export function mayUploadDocument(who: Identity, filing: FilingScope): boolean {
  switch (who.role) {
    case 'employer':
      return who.uscc === filing.employerUscc;
    case 'clerk':
      return who.regionCode === filing.handlingRegionCode || who.regionCode === filing.receivingRegionCode;
    case 'reviewer':
      return who.regionCode === filing.handlingRegionCode;
    default:
      return false;
  }
}
