// How the preview writes its numbers: signed differences, counts to the hundredth, yuan, and the colour of a change.
import { yuan } from '../../web/src/lib/format.ts';

export const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : format(0));
export const count = (n: number) => n.toFixed(2);
export const money = (n: number) => yuan(n);
const thousandths = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Yuan to the fen with thousands separators, without the unit (a column or statistic names it). */
export const amount = (n: number) => thousandths.format(n);
export const deltaColor = (n: number) => (n > 0 ? '#cf1322' : n < 0 ? '#389e0d' : undefined);
/** A difference rounded to the hundredth, as the totals and rows show it. */
export const delta = (before: number, after: number) => Math.round((after - before) * 100) / 100;
