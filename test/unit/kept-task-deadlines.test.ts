// The deadlines view kept behind the requests (operations/kept-task-deadlines.ts): the first request waits for the
// engine, later ones are answered from what was kept and ask again behind the request once it is older than 10 s;
// a new China day waits again. The engine is faked at this unit's edge: it only counts.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db.ts';
import type { EngineRest } from '../../platform/engine-rest.ts';
import { keptTaskDeadlines } from '../../operations/kept-task-deadlines.ts';

function countingEngine() {
  const engine = {
    overdue: 1,
    asked: 0,
    async post(path: string) {
      if (path === '/task/count') {
        engine.asked++;
        return { count: engine.overdue };
      }
      return [];
    },
  };
  return engine;
}

describe('the kept deadlines view', () => {
  it('answers from what was kept, asks again behind an older answer, and waits on a new day', async () => {
    const engine = countingEngine();
    let now = new Date('2026-12-07T02:00:00Z');
    const deadlines = keptTaskDeadlines({} as Db, engine as unknown as EngineRest, () => now);
    expect((await deadlines()).overdue).toBe(1);
    const askedFirst = engine.asked;
    engine.overdue = 5;
    now = new Date(now.getTime() + 5_000);
    expect((await deadlines()).overdue).toBe(1);
    expect(engine.asked).toBe(askedFirst);
    now = new Date(now.getTime() + 10_000);
    expect((await deadlines()).overdue).toBe(1); // the kept answer, while the engine is asked behind it
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await deadlines()).overdue).toBe(5);
    engine.overdue = 7;
    now = new Date('2026-12-07T16:00:00Z'); // midnight in China: yesterday's "today" is not today's
    const fresh = await deadlines();
    expect(fresh).toMatchObject({ overdue: 7, today: '2026-12-08' });
  });
});
