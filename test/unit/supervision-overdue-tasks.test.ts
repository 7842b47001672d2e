// Overdue county tasks for the supervision figures (supervision/overdue-tasks.ts), with the engine's REST API faked at
// the edge: what it asks, how it counts working days over, and that figures wait for the engine only the first time.
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../calendar/working-day-calendar.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';
import { engineOverdueTasks } from '../../supervision/overdue-tasks.ts';

interface Asked {
  path: string;
  body: { candidateGroups: string[]; dueBefore: string; processVariables: unknown[] };
}

function fakeEngine(answer: (county: string) => { count: number; due: string | null }) {
  const asked: Asked[] = [];
  let failing = false;
  const engine = {
    post: async (path: string, body: Asked['body']) => {
      asked.push({ path, body });
      if (failing) throw new Error('engine away');
      const county = body.candidateGroups[0]!.split('-')[1]!;
      const { count, due } = answer(county);
      return path === '/task/count' ? { count } : due === null ? [] : [{ due }];
    },
  } as unknown as EngineRest;
  return { engine, asked, fail: (on: boolean) => (failing = on) };
}

describe('overdue county tasks', () => {
  // Monday 7 December 2026, 10:00 in China.
  let clock = new Date('2026-12-07T02:00:00Z');
  const calendar = async () => new WorkingDayCalendar();

  it("asks for each county's clerk, reviewer and lead groups and counts the working days the oldest is over", async () => {
    const { engine, asked } = fakeEngine((county) => (county === '330106' ? { count: 3, due: '2026-11-30T23:59:59.000+0800' } : { count: 0, due: null }));
    const overdue = engineOverdueTasks({ engine, calendar, now: () => clock });
    const result = await overdue(2025, ['330106', '330108']);
    expect(result.get('330106')).toEqual({ overdueTasks: 3, maxWorkingDaysOver: 5 });
    expect(result.get('330108')).toEqual({ overdueTasks: 0, maxWorkingDaysOver: 0 });
    expect(asked.find((a) => a.body.candidateGroups.includes('clerk-330106'))?.body).toMatchObject({
      candidateGroups: ['clerk-330106', 'reviewer-330106', 'lead-330106'],
      dueBefore: '2026-12-07T10:00:00.000+0800',
      processVariables: [{ name: 'year', operator: 'eq', value: 2025 }],
    });
  });

  it('waits for the engine the first time only: later answers come from what was kept, refreshed behind', async () => {
    let count = 1;
    const { engine, asked, fail } = fakeEngine(() => ({ count, due: null }));
    const overdue = engineOverdueTasks({ engine, calendar, now: () => clock });
    expect((await overdue(2025, ['330106'])).get('330106')?.overdueTasks).toBe(1);
    const first = asked.length;
    count = 2;
    expect((await overdue(2025, ['330106'])).get('330106')?.overdueTasks).toBe(1);
    expect(asked.length).toBe(first);
    clock = new Date(clock.getTime() + 31_000);
    // Stale: the kept answer now, the engine asked behind it.
    expect((await overdue(2025, ['330106'])).get('330106')?.overdueTasks).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await overdue(2025, ['330106'])).get('330106')?.overdueTasks).toBe(2);
    // The engine away: the last answer stays; a county never asked fails as the engine does.
    clock = new Date(clock.getTime() + 31_000);
    fail(true);
    expect((await overdue(2025, ['330106'])).get('330106')?.overdueTasks).toBe(2);
    await expect(overdue(2025, ['330108'])).rejects.toThrow('engine away');
  });
});
