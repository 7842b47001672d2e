// A real Chromium for the browser tests: Debian's package (.ci/run installs it), driven by playwright-core, and the
// folder the tests leave their screenshots in (README "A tour of the pages").
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../platform/config.ts';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without these, Chromium's background connections are refused by this machine's closed network, many at a time.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(projectRoot, '.data', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 375, height: 812 } as const;

/** A whole-page screenshot named for the screen it shows. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A PDF of one empty page: what a scanned paper or a piece of evidence stands for in the tests. */
export const ONE_PAGE_PDF =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/**
 * Pages signed in as someone, the way signing in leaves them (the session's HttpOnly cookie, for the test systems'
 * loopback host), each in its own browser context; every uncaught error in any of them is kept, for the suite to require none.
 */
export class BrowserSession {
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly browser: Browser) {}

  async page(token?: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    this.contexts.push(context);
    if (token) await context.addCookies([{ name: 'dpf_session', value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}

/**
 * Submits the workbench's task form and waits until the page has gone back to the inbox. Should the form or the
 * server refuse instead, fails at once with what the page says, rather than waiting out the timeout in silence.
 */
export async function submitTaskForm(page: Page, timeout = 60_000): Promise<void> {
  await page.click('[data-testid=task-submit]');
  const deadline = Date.now() + timeout;
  for (;;) {
    if (/\/workbench\/?(\?.*)?$/.test(new URL(page.url()).pathname + new URL(page.url()).search)) return;
    const refusal = page.locator('[data-testid=task-form-errors]');
    if ((await refusal.count()) > 0) throw new Error(`the task form was refused: ${await refusal.innerText()}`);
    if (Date.now() > deadline) throw new Error(`the task form was not completed within ${timeout} ms (still at ${page.url()})`);
    await page.waitForURL(/\/workbench\/?(\?.*)?$/, { timeout: 500 }).catch(() => undefined);
  }
}
