// The decision-table diff of two versions, worked out again whenever either changes.
import { useEffect, useState } from 'react';
import { diffDmn, type DecisionDiff } from './dmn-diff.ts';

export function useDmnDiff(oldXml: string, newXml: string) {
  const [decisions, setDecisions] = useState<DecisionDiff[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setDecisions(null);
    setError(null);
    diffDmn(oldXml, newXml)
      .then((found) => alive && setDecisions(found))
      .catch((e: unknown) => alive && setError(`无法比较这两个版本的决策表：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [oldXml, newXml]);
  return { decisions, error };
}
