// A region code as people read it: 杭州市西湖区（330106）; the bare code when the table does not know it.
import { regionName } from '../../../../domain/regions.ts';

export function regionLabel(code: string | null | undefined): string {
  if (!code) return '—';
  const name = regionName(code);
  return name ? `${name}（${code}）` : code;
}

/** Just the name, for narrow cells; the code when unknown. */
export function regionShortName(code: string | null | undefined): string {
  if (!code) return '—';
  return regionName(code) ?? code;
}
