// The shared off-thread runner's bounds: never more threads than allowed, a full queue refused at once (not queued
// without end), and every stuck thread replaced when its job's time is up. And the list's XML limits as the
// employee import applies them before exceljs reads a sheet.
import { afterEach, describe, expect, it } from 'vitest';
import { OffThreadBusyError, OffThreadRunner, OffThreadTimeoutError } from '../../platform/off-thread.ts';
import type { CheckRequest } from '../../deployment/check-runner.ts';
import { scanXmlPart, sheetLimitsFor } from '../../employee-import/sheet-limits.ts';
import { parseCsv } from '../../employee-import/csv.ts';

const ECHO = new URL('../support/threads/echo-check-worker.ts', import.meta.url).href;
const runners: OffThreadRunner<CheckRequest, unknown>[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});
const job = (name: string): CheckRequest => ({ resources: [{ name, content: '<x/>' }], context: {} });

describe('the off-thread runner', () => {
  it('starts at most its threads, refuses a job beyond the queue at once, and replaces stuck threads', async () => {
    const runner = new OffThreadRunner<CheckRequest, unknown>({ task: '测试', entry: ECHO, timeoutMs: 20_000, memoryMb: 64, threads: 2, maxQueued: 1 });
    runners.push(runner);
    const stuck = [runner.run(job('hang.bpmn')), runner.run(job('hang.bpmn')), runner.run(job('hang.bpmn'))];
    for (const p of stuck) p.catch(() => undefined);
    await expect(runner.run(job('a.bpmn'))).rejects.toBeInstanceOf(OffThreadBusyError);
    expect(runner.started).toBe(2);
    await Promise.all(stuck.map((p) => expect(p).rejects.toBeInstanceOf(OffThreadTimeoutError)));
    // The stuck threads were ended; the next job gets a fresh one and is answered.
    await expect(runner.run(job('b.bpmn'))).resolves.toHaveLength(1);
    expect(runner.started).toBe(3);
  }, 60_000);
});

describe('the list limits', () => {
  const limits = sheetLimitsFor(5); // rows to 1 006, columns A…AG, 7 × 33 cells, 32 deep
  const sheet = (body: string) => Buffer.from(`<?xml version="1.0"?><worksheet><sheetData>${body}</sheetData></worksheet>`);

  it('follows rows and cells without references, and ignores comments and CDATA', () => {
    expect(scanXmlPart(sheet('<row><c><v>1</v></c></row>'.repeat(6)), 's.xml', true, limits)).toBeUndefined();
    expect(scanXmlPart(sheet(`<row r="1006"/><row/>`), 's.xml', true, limits)).toEqual({ code: 'ROW_LIMIT', params: { row: 1007, max: 1006 } });
    expect(scanXmlPart(sheet(`<row r="2"><c r="AF2"/><c/><c/></row>`), 's.xml', true, limits)).toEqual({ code: 'COLUMN_LIMIT', params: { row: 2, column: 'AH', max: 'AG' } });
    expect(scanXmlPart(sheet(`<!-- <row r="99999"> --><![CDATA[<c r="XFD1">]]><row r="1"/>`), 's.xml', true, limits)).toBeUndefined();
    expect(scanXmlPart(sheet(`<row r="1">${'<c r="A1"/>'.repeat(232)}</row>`), 's.xml', true, limits)).toEqual({ code: 'CELL_LIMIT', params: { max: 231 } });
  });

  it('refuses a declared dimension past the limits before any row, and deep nesting in any part', () => {
    const declared = Buffer.from('<worksheet><dimension ref="A1:XFD300000"/><sheetData><row r="1"/></sheetData></worksheet>');
    expect(scanXmlPart(declared, 's.xml', true, limits)).toEqual({ code: 'COLUMN_LIMIT', params: { row: 300000, column: 'XFD', max: 'AG' } });
    const deep = Buffer.from(`<a>${'<b x=">">'.repeat(40)}</a>`);
    expect(scanXmlPart(deep, 'xl/styles.xml', false, limits)).toEqual({ code: 'XML_DEPTH', params: { part: 'xl/styles.xml', max: 32 } });
    expect(scanXmlPart(Buffer.from(`<a>${'<b/>'.repeat(100)}</a>`), 'xl/styles.xml', false, limits)).toBeUndefined();
  });

  it('stops a CSV at the first record or field past the limits', () => {
    expect(parseCsv('\n'.repeat(5000), limits)).toEqual({ ok: false, code: 'LIMIT', breach: { code: 'ROW_LIMIT', params: { row: 1007, max: 1006 } } });
    expect(parseCsv('\n'.repeat(1006), limits)).toMatchObject({ ok: true });
    expect(parseCsv(`a\r\n${','.repeat(40)}\r\n`, limits)).toEqual({ ok: false, code: 'LIMIT', breach: { code: 'COLUMN_LIMIT', params: { row: 2, column: 'AH', max: 'AG' } } });
  });
});
