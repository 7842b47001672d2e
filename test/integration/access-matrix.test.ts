// The role × region × endpoint access matrix (issue 20, §4): every route of the contract (api/contracts.ts), probed by
// every role — unit A's employer and another unit's, the clerks, reviewers and leads of unit A's county, of another
// county of its city and of another city, both cities, the province, policy, operators, and no sign-in — each answer
// held to the published policy (api/access-policy.ts with the route's callers): admitted → success or a refusal about
// input or state; a role the route does not admit → 403 (no sign-in → 401); out of scope → 403 or 404, never 2xx.
// No refusal, and no answer to someone who may not read unit A's filings, carries unit A's name, code, people or
// numbers; no answer carries a whole personal number unless DPF staff asked for it. The fixtures are made once, through
// the real engine (test/support/access-fixtures.ts); reads are probed first, then changes (test/support/access-probes.ts).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, FILING_READERS, accessKey, type RouteAccess } from '../../api/access-policy.ts';
import { CONTRACTS } from '../../api/contracts.ts';
import type { RouteContract } from '../../api/route-contract.ts';
import { buildAccessFixtures, unitAScenario, type AccessFixtures } from '../support/access-fixtures.ts';
import { PROBERS, expectedOutcome, readsFiling, type Outcome, type Prober } from '../support/access-oracle.ts';
import { probesOf, variantReach, type Probe } from '../support/access-probes.ts';
import { assertKeepsContract } from '../support/contract-check.ts';
import { simDataDirWith } from '../support/review-scenarios.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let dataDir: string;
let fx: AccessFixtures;
const tokens = new Map<Prober, string>();

beforeAll(async () => {
  dataDir = await simDataDirWith([unitAScenario()]);
  system = await startTestSystem({ SIM_DATA_DIR: dataDir });
  fx = await buildAccessFixtures(system);
  for (const prober of PROBERS) if (prober.login) tokens.set(prober, await system.login(prober.login));
}, 240_000);

afterAll(async () => {
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  text: string;
  contentType: string;
}

const TEXTUAL = /^(application\/(problem\+)?json|text\/|application\/xml)/i;

async function send(contract: RouteContract, probe: Probe, prober: Prober): Promise<Answer> {
  const path = probe.path(fx);
  const headers: Record<string, string> = {};
  const token = probe.ownSession && prober.login ? await system.login(prober.login) : tokens.get(prober);
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  if (probe.form) body = probe.form(fx);
  else if (probe.json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(probe.json(fx, prober));
  }
  const res = await fetch(system.apiUrl + path, { method: contract.method.toUpperCase(), headers, body });
  const contentType = res.headers.get('content-type') ?? '';
  // Files (a PDF, a spreadsheet) are read to the end but not searched: only text is.
  let text = '';
  if (TEXTUAL.test(contentType)) text = await res.text();
  else await res.arrayBuffer();
  const json = /json/i.test(contentType) && text ? JSON.parse(text) : undefined;
  assertKeepsContract(contract.method, path, res.status, contentType, json);
  return { status: res.status, text, contentType };
}

const SAID: Record<Outcome, string> = { allowed: 'allowed', forbidden: '403', 'out-of-scope': '403/404', unauthenticated: '401' };

interface Case {
  contract: RouteContract;
  access: RouteAccess;
  probe: Probe;
  prober: Prober;
  outcome: Outcome;
}

function casesOf(contract: RouteContract): [string, Case][] {
  const access = ACCESS_POLICY[accessKey(contract)];
  if (!access) throw new Error(`${accessKey(contract)} has no rule in api/access-policy.ts`);
  return probesOf(contract).flatMap((probe) =>
    PROBERS.map((prober): [string, Case] => {
      // A list is answered to everyone it admits; where its items stand decides which of them each is shown.
      const outcome = expectedOutcome(contract, access, prober, probe.listed ? undefined : probe.facts, variantReach(contract, probe), probe.listed !== undefined);
      const expected = outcome === 'allowed' ? `${probe.allowed.join('/')}` : SAID[outcome];
      const name = `${accessKey(contract)}${probe.about ? ` [${probe.about}]` : ''} · ${prober.label} → ${expected}`;
      return [name, { contract, access, probe, prober, outcome }];
    }),
  );
}

// Reads first: the changes that go through must not alter what a read is shown.
const ordered = [...CONTRACTS.filter((c) => c.method === 'get'), ...CONTRACTS.filter((c) => c.method !== 'get')];
const cases = ordered.flatMap(casesOf);

/** The fixture's texts an answer holds. */
const found = (text: string, secrets: readonly string[]) => secrets.filter((s) => text.includes(s));

/**
 * What an answer to `prober` must not carry: in a refusal, nothing of unit A; in a success, the people of every filing
 * it may not read, and the unit itself where it reads none of them (unless the route is about the unit by design).
 */
function forbiddenIn(success: boolean, prober: Prober, probe: Probe): string[] {
  if (!success) return fx.secrets;
  const unread = [...fx.peopleOf].filter(([filing]) => !readsFiling(prober, FILING_READERS, filing.facts));
  const texts = unread.flatMap(([, people]) => people);
  if (unread.length === fx.peopleOf.size && !probe.aboutUnitA) texts.push(...fx.unitSecrets);
  return texts;
}

// The anonymous answer of each public probe, to hold a person's answer to.
const anonymous = new Map<Probe, Promise<Answer>>();

describe('every route × every role and region, against the published policy', () => {
  it.each(cases)('%s', async (_name, { contract, access, probe, prober, outcome }) => {
    const answer = await send(contract, probe, prober);
    const seen = `${contract.method.toUpperCase()} ${probe.path(fx)} as ${prober.label}: ${answer.status} ${answer.text.slice(0, 300)}`;

    switch (outcome) {
      case 'unauthenticated':
        expect(answer.status, seen).toBe(401);
        break;
      case 'forbidden':
        expect(answer.status, seen).toBe(403);
        break;
      case 'out-of-scope':
        expect([403, 404], seen).toContain(answer.status);
        break;
      case 'allowed':
        expect(probe.allowed, seen).toContain(answer.status);
        break;
    }

    // A list shows the fixture's items exactly to those the policy lets reach each.
    if (probe.listed && outcome === 'allowed') {
      for (const item of probe.listed(fx)) {
        const reaches = expectedOutcome(contract, access, prober, item.facts) === 'allowed';
        expect(answer.text.includes(item.marker), `${seen}\nitem ${item.marker} ${reaches ? 'missing' : 'shown out of scope'}`).toBe(reaches);
      }
    }

    // Zero leaks: nothing of unit A in a refusal, nothing of a filing in any answer to someone who may not read it.
    const success = answer.status >= 200 && answer.status < 300;
    expect(found(answer.text, forbiddenIn(success, prober, probe)), `${seen}\nleaks unit A's data`).toEqual([]);
    // Whole personal numbers only to DPF staff who asked for them.
    if (!(probe.reveals && outcome === 'allowed')) expect(found(answer.text, fx.wholeNumbers), `${seen}\nshows whole personal numbers`).toEqual([]);

    // A public route gives a person's token no more than no sign-in.
    if (contract.callers === 'public' && prober.login && probe.sameForEveryone !== false) {
      const noSignIn = PROBERS.find((p) => !p.login) as Prober;
      if (!anonymous.has(probe)) anonymous.set(probe, send(contract, probe, noSignIn));
      const plain = await (anonymous.get(probe) as Promise<Answer>);
      expect({ status: answer.status, text: answer.text }, seen).toEqual({ status: plain.status, text: plain.text });
    }
  });
});
