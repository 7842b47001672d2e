// How the supervision figures read: counts with thousands separators, shares as percentages.
export function count(value: number): string {
  return value.toLocaleString('zh-CN');
}

/** A ratio (0.0125) as people write it: 1.25%. */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(2)}%`;
}

/** A large sum of money as a tile shows it: 512.35 万元 (the exact amount in the tables and the export). */
export function wanYuan(amount: number): string {
  return amount >= 10_000 ? `${(amount / 10_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元` : `${amount.toFixed(2)} 元`;
}

/** People counted one by one (disabled employees certified): 213 人. */
export function headcount(value: number): string {
  return `${count(value)} 人`;
}
