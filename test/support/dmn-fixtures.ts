// Small DMN files for tests: a decision table from rows of FEEL text, wrapped in a definitions element.
export interface TableSpec {
  id: string;
  hitPolicy?: string;
  aggregation?: string;
  requires?: string[];
  inputs: { expr: string; typeRef?: string }[];
  outputs: { name: string; typeRef?: string }[];
  rules: [string[], string[]][];
  historyTimeToLive?: string | null;
  name?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function decisionTable(spec: TableSpec): string {
  const ttl = spec.historyTimeToLive === null ? '' : ` operaton:historyTimeToLive="${spec.historyTimeToLive ?? 'P30D'}"`;
  const name = spec.name === '' ? '' : ` name="${esc(spec.name ?? spec.id)}"`;
  return `<decision id="${spec.id}"${name}${ttl}>
${(spec.requires ?? []).map((r) => `<informationRequirement id="${spec.id}-req-${r}"><requiredDecision href="#${r}" /></informationRequirement>`).join('\n')}
<decisionTable id="${spec.id}-table" hitPolicy="${spec.hitPolicy ?? 'UNIQUE'}"${spec.aggregation ? ` aggregation="${spec.aggregation}"` : ''}>
${spec.inputs.map((i, k) => `<input id="${spec.id}-i${k}"><inputExpression id="${spec.id}-ie${k}" typeRef="${i.typeRef ?? 'string'}"><text>${esc(i.expr)}</text></inputExpression></input>`).join('\n')}
${spec.outputs.map((o, k) => `<output id="${spec.id}-o${k}" name="${o.name}" typeRef="${o.typeRef ?? 'string'}" />`).join('\n')}
${spec.rules.map(([ins, outs], k) => `<rule id="${spec.id}-r${k + 1}">${ins.map((t, j) => `<inputEntry id="${spec.id}-r${k + 1}-i${j}"><text>${esc(t)}</text></inputEntry>`).join('')}${outs.map((t, j) => `<outputEntry id="${spec.id}-r${k + 1}-o${j}"><text>${esc(t)}</text></outputEntry>`).join('')}</rule>`).join('\n')}
</decisionTable>
</decision>`;
}

export function dmnFile(...decisions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:operaton="http://operaton.org/schema/1.0/dmn" id="test-definitions" name="测试" namespace="http://dpf.zj.cn/test">
${decisions.join('\n')}
</definitions>`;
}
