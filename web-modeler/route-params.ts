// The kind and key of a modeler route (/modeler/:kind/:key/…), checked: a mistyped address gets a message, not a crash.
import { useParams } from 'react-router-dom';
import type { Kind } from './modeler-api.ts';

const KINDS: readonly string[] = ['process', 'decision', 'form'];

export function useDefinitionParams(): { kind: Kind; key: string } | undefined {
  const { kind = '', key = '' } = useParams();
  return KINDS.includes(kind) && /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/.test(key) ? { kind: kind as Kind, key } : undefined;
}
