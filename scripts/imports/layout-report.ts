// What the layout test checks, as data: files outside every unit, cycles among files and among units, and the
// imports that run up the layers (with whether `UPWARD_IMPORTS` gives a reason for them).
import { cycles, importEdges, isTestFile, sourceFiles, type ImportEdge } from './import-graph.ts';
import { layerOf, unitOf, UPWARD_IMPORTS } from './layers.ts';

export interface LayoutReport {
  withoutUnit: string[];
  fileCycles: string[][];
  unitCycles: string[][];
  upward: (ImportEdge & { reason: string | null })[];
  staleReasons: { from: string; to: string }[];
}

export function layoutReport(projectRoot: string): LayoutReport {
  const files = sourceFiles(projectRoot).filter((file) => !isTestFile(file));
  const edges = importEdges(projectRoot, files).filter((edge) => !isTestFile(edge.to));
  const withoutUnit = files.filter((file) => unitOf(file) === null);
  const unitEdges: ImportEdge[] = [];
  const upward: LayoutReport['upward'] = [];
  for (const edge of edges) {
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (!from || !to || from === to) continue;
    unitEdges.push({ from, to });
    if (layerOf(to) > layerOf(from)) {
      const allowed = UPWARD_IMPORTS.find((entry) => entry.from === edge.from && entry.to === edge.to);
      upward.push({ ...edge, reason: allowed?.reason ?? null });
    }
  }
  const staleReasons = UPWARD_IMPORTS.filter((entry) => !edges.some((edge) => edge.from === entry.from && edge.to === entry.to));
  return {
    withoutUnit,
    fileCycles: cycles(files, edges),
    unitCycles: cycles([], unitEdges),
    upward,
    staleReasons: staleReasons.map(({ from, to }) => ({ from, to })),
  };
}
