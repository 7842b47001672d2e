// The inbox's filters — scope, task kind, handling region — kept in the address, so a reload or a link keeps them.
import { useSearchParams } from 'react-router-dom';
import type { Scope } from './task-scope.ts';

export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const scope = (params.get('scope') as Scope | null) ?? 'all';
  const kind = params.get('kind') ?? undefined;
  const region = params.get('region') ?? undefined;

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return {
    scope,
    kind,
    region,
    setScope: (value: Scope) => setParam('scope', value === 'all' ? undefined : value),
    setKind: (value: string | undefined) => setParam('kind', value),
    setRegion: (value: string | undefined) => setParam('region', value),
  };
}

export type TaskFilters = ReturnType<typeof useTaskFilters>;
