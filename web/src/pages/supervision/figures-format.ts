// How the supervision figures read: counts with thousands separators, shares as percentages.
export function count(value: number): string {
  return value.toLocaleString('zh-CN');
}

/** A ratio (0.0125) as people write it: 1.25%. */
export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(2)}%`;
}
