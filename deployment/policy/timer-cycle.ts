// A timer cycle fires again and again for every instance waiting at it: one firing every second is a way to keep
// the engine, the workers and the database busy. A cycle must be written out (no expression, so it can be judged
// before it runs) and fire at most once per minTimerCycleSeconds.
import { DEPLOYMENT_POLICY } from './deployment-policy.ts';
import { holdsExpression } from './expression-grammar.ts';

const MIN_SECONDS = DEPLOYMENT_POLICY.minTimerCycleSeconds;
const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const PLAIN_NUMBER = /^\d{1,2}$/;

/** Seconds of an ISO-8601 duration, Infinity for one with years, months, weeks or days; undefined if not one. */
function durationSeconds(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  if (m[1] || m[2] || m[3] || m[4]) return Number(m[1] ?? 0) + Number(m[2] ?? 0) + Number(m[3] ?? 0) + Number(m[4] ?? 0) > 0 ? Infinity : 0;
  return Number(m[5] ?? 0) * 3600 + Number(m[6] ?? 0) * 60 + Number(m[7] ?? 0);
}

/** The problem with a timer cycle in a sentence, or null when it fires rarely enough. */
export function timerCycleProblem(raw: string): string | null {
  const text = raw.trim();
  const limit = `最频繁每 ${MIN_SECONDS / 3600} 小时一次`;
  if (holdsExpression(text)) return `循环定时器的周期不能用表达式给出（须写明周期，${limit}）`;
  if (text.startsWith('R')) {
    const parts = text.split('/');
    if (!/^R\d*$/.test(parts[0]!) || parts.length < 2 || parts.length > 3) return `循环定时器 ${text} 的格式不正确`;
    const durations = parts.slice(1).map(durationSeconds).filter((s): s is number => s !== undefined);
    if (durations.length !== 1) return `循环定时器 ${text} 的格式不正确（应为 R/起始时间/周期 或 R/周期）`;
    return durations[0]! >= MIN_SECONDS ? null : `循环定时器 ${text} 触发过于频繁（${limit}）`;
  }
  const fields = text.split(/\s+/);
  if (fields.length === 6 || fields.length === 7) {
    return PLAIN_NUMBER.test(fields[0]!) && PLAIN_NUMBER.test(fields[1]!) ? null : `定时规则 ${text} 的秒和分须各为一个固定数字（${limit}）`;
  }
  return `循环定时器 ${text} 的格式不正确（应为 ISO 8601 重复周期或 6～7 段的 cron 表达式）`;
}
