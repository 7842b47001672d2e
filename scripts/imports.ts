// `npm run imports`: the import graph's cycles and the imports that run up the layers (scripts/imports/layers.ts).
import { projectRoot } from '../platform/config.ts';
import { layoutReport } from './imports/layout-report.ts';

const report = layoutReport(projectRoot);
console.log(`files outside every unit: ${report.withoutUnit.length}`);
for (const file of report.withoutUnit) console.log(`  ${file}`);
console.log(`cycles among files: ${report.fileCycles.length}`);
for (const cycle of report.fileCycles) console.log(`  ${cycle.join(' ⇄ ')}`);
console.log(`cycles among units: ${report.unitCycles.length}`);
for (const cycle of report.unitCycles) console.log(`  ${cycle.join(' ⇄ ')}`);
console.log(`imports running up a layer: ${report.upward.length}`);
for (const edge of report.upward) console.log(`  ${edge.from} → ${edge.to}${edge.reason ? `: ${edge.reason}` : ' (no reason given)'}`);
