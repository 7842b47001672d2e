// How a stored document is described in its list: its kind (name and colour), size, who uploaded it, whose it is.
import type { StoredDocument } from '../../lib/filing-types.ts';
import { ROLE_NAMES, type Role } from '../../lib/session.tsx';

export const DOCUMENT_KIND_NAMES: Record<StoredDocument['kind'], string> = {
  scan: '申报材料扫描件',
  evidence: '证明材料',
  other: '其他材料',
  dispatch_agreement: '劳务派遣协议',
};
export const KIND_COLORS: Record<StoredDocument['kind'], string> = { scan: 'blue', evidence: 'orange', other: 'default', dispatch_agreement: 'purple' };

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}

/** Who uploaded, as a role name when the sign-in's user id tells it (dev-<role>-…); the id otherwise. */
export function uploaderText(sub: string): string {
  const role = /^dev-([a-z]+)-/.exec(sub)?.[1] as Role | undefined;
  return role && ROLE_NAMES[role] ? ROLE_NAMES[role] : sub;
}

export function employeeText(index: number | null, names: string[] | undefined): string {
  if (index === null) return '—';
  const name = names?.[index];
  return name ? `第 ${index + 1} 名 ${name}` : `第 ${index + 1} 名职工`;
}
