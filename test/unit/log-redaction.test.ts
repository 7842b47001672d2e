// No log line carries a whole ID or certificate number, wherever it hid: the message, a field, a nested object, an
// error's message and stack, the context, next to an escape or a key's letters. Lines stay JSON and keep the rest.
import { describe, expect, it } from 'vitest';
import { createLogger, logTo, withLogContext } from '../../platform/log.ts';
import { syntheticIdNumber } from '../../domain/synthetic.ts';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ part: 'api', level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { lines, log: logTo(logger), logger };
}

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const id = syntheticIdNumber(rand);
const idWithX = '33010619900101123X';
const certificate = `${syntheticIdNumber(rand)}43`;

describe('log redaction', () => {
  it('masks ID and certificate numbers in messages, fields, nested objects, arrays and errors', () => {
    const { lines, log } = capture();
    log(`核验失败：身份证号${id}不符`, { level: 'warn' });
    log('department answered', { body: { employees: [{ idNumber: id, certNumber: certificate }] }, raw: `a\n${idWithX}\tb` });
    log('unexpected error', { level: 'error', err: new Error(`no person ${id}`) });
    log(`key${id}x`, { [`k${id}`]: `id=${id}`, n: `${id}${id}` });
    log(`lowercase ${idWithX.toLowerCase()}`);
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed.part).toBe('api');
      for (const number of [id, idWithX, idWithX.toLowerCase(), certificate, id.slice(0, 17)]) expect(line).not.toContain(number);
    }
    expect(JSON.parse(lines[0]!).msg).toBe(`核验失败：身份证号${id.slice(0, 4)}**********${id.slice(-4)}不符`);
    expect(JSON.parse(lines[0]!).level).toBe('warn');
    expect(JSON.parse(lines[2]!).err.stack).toContain('no person');
  });

  it('masks numbers put into the context, and keeps the context on every line', () => {
    const { lines, log } = capture();
    withLogContext({ requestId: 'req-1234abcd', filingId: id }, () => log('inside'));
    log('outside');
    const [inside, outside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ requestId: 'req-1234abcd', msg: 'inside' });
    expect(inside!.filingId).not.toBe(id);
    expect(outside!.requestId).toBeUndefined();
  });

  it('leaves other numbers, ids and times alone', () => {
    const { lines, log } = capture();
    const uuid = '5f0c2a9e-1b7d-4c3e-9a51-0d2b6e8f7a41';
    log('done', { filingId: uuid, ms: 12.5, uscc: '91330106MA2KXXXX1Y', count: 12345678901234 });
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(parsed).toMatchObject({ filingId: uuid, ms: 12.5, uscc: '91330106MA2KXXXX1Y', count: 12345678901234 });
    expect(typeof parsed.time).toBe('string');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const log = logTo(createLogger({ part: 'workers', level: 'warn', destination: { write: (s: string) => void lines.push(s) } }));
    log('quiet');
    log('loud', { level: 'error' });
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});
