// Only policy staff deploy (the server refuses anyone else): the others see the editors read-only.
import { useSession } from '../web/src/lib/session.tsx';

export function useCanDeploy(): boolean {
  return useSession().who?.role === 'policy';
}
