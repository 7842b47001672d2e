// The project's import graph read from the code: which source file imports which (relative imports only), the
// cycles among files and among the layout's units, and the imports that run up the layers of `layers.ts`.
// The layout test holds the code to these; `npm run imports` prints them; the pages' build hashes what they import.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.data', 'target', 'engine', 'docs']);
// `from '…'`, `import '…'`, `import('…')`, `export … from '…'`: the specifier of every static or dynamic import.
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

export interface ImportEdge {
  from: string;
  to: string;
}

export function isTestFile(file: string): boolean {
  return file.startsWith('test/') || /\.test\.tsx?$/.test(file);
}

/** Every source file under `roots` (relative to `projectRoot`), declarations (`.d.ts`) left out. */
export function sourceFiles(projectRoot: string, roots: readonly string[] = ['.']): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(projectRoot, dir), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(relative);
      }
    }
  };
  for (const root of roots) walk(root);
  return files.sort();
}

function resolveImport(projectRoot: string, fromFile: string, specifier: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')]) {
    const absolute = path.join(projectRoot, candidate);
    if (existsSync(absolute) && statSync(absolute).isFile()) return candidate;
  }
  return null;
}

/** The relative imports of `files` that resolve to a file of the project (JSON and other assets included). */
export function importEdges(projectRoot: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(projectRoot, from), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const to = resolveImport(projectRoot, from, match[1]!);
      if (to) edges.push({ from, to });
    }
  }
  return edges;
}

/** The strongly connected parts of a graph with more than one node: each one a cycle (Tarjan). */
export function cycles(nodes: Iterable<string>, edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const node of nodes) next.set(node, []);
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    if (from !== to) next.get(from)!.push(to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node)!) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        part.push(member);
      } while (member !== node);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Every file that `entries` import, directly or through each other (the entries included). */
export function reachableFrom(projectRoot: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!SOURCE.test(file)) continue;
    for (const edge of importEdges(projectRoot, [file])) if (!seen.has(edge.to)) queue.push(edge.to);
  }
  return [...seen].sort();
}
