// A build step of the pages: filings/declaration/filing-shape.ts compiles its validators when loaded, which needs
// `new Function` — forbidden by the pages' Content-Security-Policy. For the browser that module is replaced by the
// same validators compiled here, at build time, into plain code (ajv's standalone output).
import path from 'node:path';
import type { Plugin } from 'vite';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { createAjv } from '../platform/schema.ts';
import filingSchema from '../filings/declaration/filing.schema.json' with { type: 'json' };

// CommonJS with a default export: under NodeNext the callable sits on `.default`.
type StandaloneCode = (ajv: ReturnType<typeof createAjv>, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ?? standaloneModule) as unknown as StandaloneCode;

const SHAPE_MODULE = path.resolve(import.meta.dirname, '../filings/declaration/filing-shape.ts');
const ISSUES_MODULE = path.resolve(import.meta.dirname, '../platform/schema-issues.ts');

/** The module's code: the validators as ES module source, their runtime helpers imported rather than required. */
export function precompiledFilingShape(): string {
  const ajv = createAjv(true);
  ajv.addSchema(filingSchema);
  let code = standaloneCode(ajv, { validateFiling: filingSchema.$id, validateEmployee: `${filingSchema.$id}#/$defs/employee` });
  // ajv writes its helpers (formats, string length) as require("module").export even in ES module output; each becomes
  // an import, read through the module's CommonJS interop whichever way the bundler presents it.
  const helpers = new Map<string, string>();
  code = code.replace(/require\("([^"]+)"\)\.(\w+)/g, (_all: string, specifier: string, name: string) => {
    const key = `${specifier}#${name}`;
    if (!helpers.has(key)) helpers.set(key, `helper${helpers.size}`);
    return helpers.get(key)!;
  });
  const imports = [...helpers]
    .map(([key, local]) => {
      const [specifier, name] = key.split('#') as [string, string];
      return `import * as ${local}Module from ${JSON.stringify(specifier)};\nconst ${local} = exportOf(${local}Module, ${JSON.stringify(name)});`;
    })
    .join('\n');
  return `import { checkerOf } from ${JSON.stringify(ISSUES_MODULE)};
const exportOf = (module, name) => {
  const direct = module[name];
  if (name !== 'default' ? direct !== undefined : typeof direct === 'function') return direct;
  return module.default?.[name];
};
${imports}
${code}
export const checkFilingShape = checkerOf(validateFiling);
export const checkEmployeeShape = checkerOf(validateEmployee);
`;
}

export function precompiledFilingShapePlugin(): Plugin {
  return {
    name: 'precompiled-filing-shape',
    enforce: 'pre',
    load(id) {
      return path.resolve(id.split('?')[0]!) === SHAPE_MODULE ? precompiledFilingShape() : null;
    },
  };
}
