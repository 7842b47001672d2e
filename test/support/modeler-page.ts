// What the browser suites of the web modeler share: opening a properties-panel group, and putting back the shipped
// files after a suite deployed changes (the engine serves the whole run; later suites expect the shipped versions).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectResources } from '../../deployment/deploy-resources.ts';
import type { TestSystem } from './system.ts';

/** Opens a group of the properties panel (a click on an open one would close it). */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const header = page.locator(`[data-group-id="${groupId}"] .bio-properties-panel-group-header`);
  if (!((await header.getAttribute('class')) ?? '').split(/\s+/).includes('open')) await header.click();
}

/** Deploys the project's own files of these names again, as policy staff. */
export async function restoreShipped(system: TestSystem, names: readonly string[]): Promise<void> {
  const shipped = projectResources().filter((r) => names.includes(r.name));
  const restored = await system.request('POST', '/api/deployments', { token: await system.login({ role: 'policy' }), body: { note: '测试结束，恢复随系统发布的版本', resources: shipped } });
  expect([200, 201]).toContain(restored.status);
}
