// The county's exclusions as typed in the confirmation form (forms/reward-county-confirmation.form): one line per
// excluded candidate, its USCC, then the reason ("91330106MA2XXXXXXX 已被列入失信名单"). Read the same way by the
// completion check (which names the lines at fault) and by the worker that records the confirmation.
import { checkUscc } from '../domain/identifiers/uscc.ts';

export interface ExclusionLines {
  /** USCC → reason, for the lines that read. */
  exclusions: Map<string, string>;
  /** 1-based numbers of the lines with no valid USCC or no reason. */
  malformed: number[];
  /** USCCs named on more than one line. */
  repeated: string[];
}

export function parseExclusionLines(text: string | null | undefined): ExclusionLines {
  const exclusions = new Map<string, string>();
  const malformed: number[] = [];
  const repeated = new Set<string>();
  (text ?? '').split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const m = /^(\S+)[\s,，、:：]+(.+)$/.exec(trimmed);
    const uscc = m?.[1]?.toUpperCase();
    const reason = m?.[2]?.trim();
    if (!uscc || !reason || checkUscc(uscc) !== null) {
      malformed.push(index + 1);
      return;
    }
    if (exclusions.has(uscc)) repeated.add(uscc);
    exclusions.set(uscc, reason.slice(0, 500));
  });
  return { exclusions, malformed, repeated: [...repeated] };
}
