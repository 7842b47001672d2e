// Builds the pages (web/ → web/dist) with Vite when they are missing or their sources changed since they were built
// (a hash of web/ and the shared domain checks it imports, kept in web/dist); otherwise does nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { filesUnder } from '../engine/build-engine.ts';

export const webDir = path.join(projectRoot, 'web');
export const webDist = path.join(webDir, 'dist');
const hashFile = path.join(webDist, '.sources.sha256');
// The pages check USCC, ID and certificate numbers as the user types with the same code as the server; the
// modeler's pages live in web-modeler/.
const SOURCES = [path.join(webDir, 'src'), path.join(projectRoot, 'web-modeler'), path.join(projectRoot, 'domain')];
const SOURCE_FILES = [path.join(webDir, 'index.html'), path.join(webDir, 'vite.config.ts'), path.join(projectRoot, 'package-lock.json')];

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
