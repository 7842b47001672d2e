// Builds the pages (web/ → web/dist) with Vite when they are missing or their sources changed since they were built
// (a hash of every file they import, kept in web/dist); otherwise does nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { reachableFrom, sourceFiles } from '../imports/import-graph.ts';

export const webDir = path.join(projectRoot, 'web');
export const webDist = path.join(webDir, 'dist');
const hashFile = path.join(webDist, '.sources.sha256');
// The pages share code with the server (check digits as the user types, reasons in the server's words, the lint's
// reading of diagrams, the element templates): every file web/ and web-modeler/ import counts, found by following
// their imports, so that a change anywhere they reach rebuilds them.
// The build's own configuration counts the same way: its plugins compile the declaration's schema into the pages.
const ENTRY_DIRS = ['web/src', 'web-modeler'];
const ENTRY_FILES = ['web/vite.config.ts'];
const SOURCE_FILES = ['web/index.html', 'package-lock.json'];

function webSources(): string[] {
  return [...new Set([...SOURCE_FILES, ...reachableFrom(projectRoot, [...sourceFiles(projectRoot, ENTRY_DIRS), ...ENTRY_FILES])])].sort();
}

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of webSources()) {
    hash.update(file).update('\0').update(readFileSync(path.join(projectRoot, file))).update('\0');
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
