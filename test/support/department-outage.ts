// Switching a simulated department off and on again (its fault switch at /_admin/faults/<department>): every call
// it gets answers 503 until it is back.
import { expect } from 'vitest';
import type { TestSystem } from './system.ts';

export async function setDepartmentOutage(system: TestSystem, department: string, outage: boolean): Promise<void> {
  const res = await fetch(`${system.simulators!.url}/_admin/faults/${department}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: 0, failureRate: 0, outage, malformed: false }),
  });
  expect(res.status, await res.text()).toBe(200);
}
