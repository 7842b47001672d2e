// Builds the pages (web/ → web/dist) with Vite when they are missing or their sources changed since they were built
// (a hash of web/ and the shared domain checks it imports, kept in web/dist); otherwise does nothing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { filesUnder } from '../engine/build-engine.ts';

export const webDir = path.join(projectRoot, 'web');
export const webDist = path.join(webDir, 'dist');
const hashFile = path.join(webDist, '.sources.sha256');
// The pages check USCC, ID and certificate numbers as the user types with the same code as the server, and show
// reasons in the server's words; the modeler's pages (web-modeler/) read diagrams as the lint does and offer the
// element templates of connectors/ and workers/.
const SOURCES = [path.join(webDir, 'src'), path.join(projectRoot, 'web-modeler'), path.join(projectRoot, 'domain'), path.join(projectRoot, 'workers', 'element-templates')];
const SOURCE_FILES = [
  path.join(webDir, 'index.html'),
  path.join(webDir, 'vite.config.ts'),
  path.join(projectRoot, 'package-lock.json'),
  path.join(projectRoot, 'review', 'reason-messages.ts'),
  path.join(projectRoot, 'review', 'review-result.ts'),
  path.join(projectRoot, 'deployment', 'bpmn-moddle.ts'),
  ...readdirSync(path.join(projectRoot, 'connectors'))
    .map((name) => path.join(projectRoot, 'connectors', name, 'element-template.json'))
    .filter((file) => existsSync(file)),
];

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...SOURCE_FILES, ...SOURCES.flatMap((dir) => filesUnder(dir))]) {
    hash.update(path.relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  return existsSync(path.join(webDist, 'index.html')) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === webSourceHash();
}

/** Builds the pages if needed; answers whether it did. */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  const hash = webSourceHash();
  log('building the pages (web/ → web/dist) with Vite…');
  const { build } = await import('vite');
  await build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(hashFile, `${hash}\n`);
  return true;
}
