// Holds the integration tests' answers to the published contract: every JSON answer of a route that has a contract
// must match the schema published for its status (the success schema, or the problem schema with its codes).
import { CONTRACTS } from '../../api/contracts.ts';
import { problemSchema } from '../../api/problem-schema.ts';
import type { JsonSchema, RouteContract } from '../../api/route-contract.ts';
import { compileSchema } from '../../platform/schema.ts';

interface Matcher {
  contract: RouteContract;
  pattern: RegExp;
  /** Literal characters of the path: where two contracts match, the more literal one is the route (`/mine` over `/{uscc}`). */
  literal: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const MATCHERS: readonly Matcher[] = CONTRACTS.map((contract) => ({
  contract,
  pattern: new RegExp(`^${contract.path.split(/\{[^}]+\}/).map(escape).join('[^/]+')}/?$`),
  literal: contract.path.replace(/\{[^}]+\}/g, '').length,
}));

/** The contract of the route answering `method path` (a query string is ignored), or undefined when it has none. */
export function contractFor(method: string, path: string): RouteContract | undefined {
  const bare = path.split('?')[0] as string;
  const lower = method.toLowerCase();
  return MATCHERS.filter((m) => m.contract.method === lower && m.pattern.test(bare)).sort((a, b) => b.literal - a.literal)[0]?.contract;
}

const validators = new Map<JsonSchema, ReturnType<typeof compileSchema>>();
function validatorOf(schema: JsonSchema) {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = compileSchema(schema === true ? {} : schema === false ? { not: {} } : schema)));
  return validate;
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/(problem\+)?json\b/i.test(contentType);
}

/** Why an answer breaks its route's contract; empty when it keeps it (or the route has no contract, or it is not JSON). */
export function contractViolations(method: string, path: string, status: number, contentType: string | null, body: unknown): string[] {
  const contract = contractFor(method, path);
  if (!contract || !isJson(contentType)) return [];
  const success = contract.responses[status];
  const problem = contract.problems.find((p) => p.status === status);
  if (!success && !problem) return [`status ${status} is not in the contract (answers ${[...Object.keys(contract.responses), ...contract.problems.map((p) => p.status)].join(', ')})`];
  if (success) {
    const schema = success.schema ?? success.alternatives?.find((m) => isJson(m.contentType) && m.schema !== undefined)?.schema;
    if (schema === undefined) return [`status ${status} is published without a JSON body, but the answer is ${contentType}`];
    const checked = validatorOf(schema)(body);
    return checked.ok ? [] : checked.issues.map((i) => `${i.path} ${i.code}${i.params ? ` ${JSON.stringify(i.params)}` : ''}`);
  }
  const checked = validatorOf(problemSchema)(body);
  if (!checked.ok) return checked.issues.map((i) => `${i.path} ${i.code}${i.params ? ` ${JSON.stringify(i.params)}` : ''}`);
  if (!problem?.codes) return [];
  const sent = body as { code?: string; errors?: { code: string; path: string }[] };
  const codes = [...(sent.code ? [sent.code] : []), ...(sent.errors ?? []).map((e) => e.code)];
  return codes.filter((code) => !problem.codes?.includes(code)).map((code) => `problem code ${code} is not among the published ${problem.codes?.join(', ')}`);
}

/** Throws, naming the route, the status and every mismatch, when an answer breaks its contract. */
export function assertKeepsContract(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
  const violations = contractViolations(method, path, status, contentType, body);
  if (violations.length === 0) return;
  const contract = contractFor(method, path) as RouteContract;
  throw new Error(
    `${method.toUpperCase()} ${path} (${contract.operationId}: ${contract.method.toUpperCase()} ${contract.path}) answered ${status}, which breaks its published contract:\n  ` +
      `${violations.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
  );
}
