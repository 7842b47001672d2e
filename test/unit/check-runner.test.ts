// The deployment checks' runner: one persistent thread serves request after request (the modeler checks after every
// edit); a request past its time limit is refused and a thread stuck in it replaced; a thread past its heap cap is
// replaced too; the context reaches findingsOf as given. And the real checks give on the thread what they give here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckMemoryError, CheckRunner, CheckTimeoutError } from '../../deployment/check-runner.ts';
import { processesDir } from '../../deployment/deploy-resources.ts';
import { findingsOf } from '../../deployment/deployment-findings.ts';

const ECHO = new URL('../support/threads/echo-check-worker.ts', import.meta.url).href;
const HUNGRY = new URL('../support/threads/hungry-worker.ts', import.meta.url).href;
const runners: CheckRunner[] = [];
const runner = (options: ConstructorParameters<typeof CheckRunner>[0]) => {
  const made = new CheckRunner(options);
  runners.push(made);
  return made;
};
const file = (name: string) => ({ name, content: '<x/>' });
const checkedBy = async (r: CheckRunner, names: string[], context = {}) => JSON.parse((await r.findings(names.map(file), context))[0]!.message) as { threadId: number; context: unknown };

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe('the deployment checks runner', () => {
  it('keeps one thread for request after request, and passes the context through untouched', async () => {
    const r = runner({ timeoutMs: 10_000, entry: ECHO });
    const first = await checkedBy(r, ['a.bpmn'], { deployedProcesses: ['annual-review'] });
    expect(first.context).toEqual({ deployedProcesses: ['annual-review'] });
    const answers = await Promise.all(Array.from({ length: 5 }, (_v, i) => checkedBy(r, [`f${i}.bpmn`])));
    expect(new Set([first, ...answers].map((a) => a.threadId)).size).toBe(1);
    expect(answers[0]!.context).toEqual({});
    expect(r.started).toBe(1);
  });

  it('refuses a request past its time limit, replaces the stuck thread, and goes on', async () => {
    const r = runner({ timeoutMs: 1_500, entry: ECHO });
    const before = await checkedBy(r, ['a.bpmn']);
    const started = performance.now();
    const stuck = r.findings([file('hang.bpmn')]);
    const queued = r.findings([file('b.bpmn')]); // waits behind the stuck one: the same limit from its arrival
    await expect(stuck).rejects.toBeInstanceOf(CheckTimeoutError);
    await expect(queued).rejects.toBeInstanceOf(CheckTimeoutError);
    expect(performance.now() - started).toBeLessThan(1_500 + 1_000);
    const after = await checkedBy(r, ['c.bpmn']);
    expect(after.threadId).not.toBe(before.threadId);
    expect(r.started).toBe(2);
  });

  it('replaces a thread that died of its heap cap; the request it had is refused', async () => {
    const r = runner({ timeoutMs: 30_000, memoryMb: 64, entry: HUNGRY });
    await expect(r.findings([file('a.bpmn')])).rejects.toBeInstanceOf(CheckMemoryError);
    await expect(r.findings([file('b.bpmn')])).rejects.toBeInstanceOf(CheckMemoryError);
    expect(r.started).toBe(2);
  });

  it('runs the real checks on its thread with the same findings as here', async () => {
    const r = runner({ timeoutMs: 30_000 });
    const broken = readFileSync(path.join(processesDir, 'season-reminders.bpmn'), 'utf8').replace(/operaton:topic="[^"]+"/, 'operaton:topic="no-such-topic"');
    const resources = [{ name: 'season-reminders.bpmn', content: broken }, { name: 'levy-estimate.dmn', content: readFileSync(path.join(processesDir, 'levy-estimate.dmn'), 'utf8') }];
    const onThread = await r.findings(resources);
    expect(onThread.some((f) => f.rule.includes('topic-has-worker'))).toBe(true);
    expect(onThread).toEqual(await findingsOf(resources));
  });
});
