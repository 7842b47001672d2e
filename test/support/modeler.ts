// The web modeler's steps the browser tests share: what the definitions API says is the latest version, the
// properties panel's groups, the live checks passing, deploying what the editor holds with a change note, and
// putting back the shipped files after a suite deployed changes (the engine serves the whole run; later suites
// expect the shipped versions).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectResources } from '../../deployment/deploy-resources.ts';
import type { TestSystem } from './system.ts';

export interface DeployedVersion {
  version: number;
  note: string | null;
  deployedBy: string | null;
  deployedByName: string | null;
}

export async function latestVersion(system: TestSystem, kind: 'process' | 'decision' | 'form', key: string): Promise<DeployedVersion> {
  const policy = await system.login({ role: 'policy' });
  const res = await system.request('GET', `/api/definitions/${kind}/${key}/versions`, { token: policy });
  expect(res.status).toBe(200);
  return res.body[0];
}

/** Deploys what the editor holds, with a change note, and waits for the page to open the new version. */
export async function deployFromEditor(page: Page, note: string, version: number): Promise<void> {
  await page.click('[data-testid=deploy]');
  await page.fill('[data-testid=deploy-note]', note);
  await page.click('[data-testid=deploy-confirm]');
  await page.waitForURL(new RegExp(`/edit\\?version=${version}$`), { timeout: 30_000 });
}

/** Opens a group of the properties panel (a click on an open one would close it). */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const header = page.locator(`[data-group-id="${groupId}"] .bio-properties-panel-group-header`);
  if (!((await header.getAttribute('class')) ?? '').split(/\s+/).includes('open')) await header.click();
}

export const ensureNoFindings = (page: Page) => page.waitForSelector('[data-testid=findings-none]:has-text("检查通过")', { timeout: 20_000 });

/** Deploys the project's own files of these names again, as policy staff. */
export async function restoreShipped(system: TestSystem, names: readonly string[]): Promise<void> {
  const shipped = projectResources().filter((r) => names.includes(r.name));
  const restored = await system.request('POST', '/api/deployments', { token: await system.login({ role: 'policy' }), body: { note: '测试结束，恢复随系统发布的版本', resources: shipped } });
  expect([200, 201]).toContain(restored.status);
}
