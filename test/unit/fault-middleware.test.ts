import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import {
  faultDefaultsFromConfig,
  faultMiddleware,
  FaultSwitches,
  type FaultMiddlewareOptions,
} from '../../connectors/simulator-kit/faults.ts';

const calm = { latencyMs: 0, failureRate: 0, outage: false };
let server: http.Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A one-route app behind the middleware, listening on a free port. */
async function serve(switches: FaultSwitches, options: FaultMiddlewareOptions): Promise<string> {
  const app = express();
  app.use('/dept', faultMiddleware('dept', switches, options), (_req, res) => {
    res.json({ ok: true });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/dept`;
}

describe('fault middleware', () => {
  it('passes calls through when no fault is switched on', async () => {
    const url = await serve(new FaultSwitches(['dept'], { ...calm, outage: [] }), { random: () => 0 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
  });

  it('answers 503 during an outage', async () => {
    const switches = new FaultSwitches(['dept'], { ...calm, outage: ['dept'] });
    const url = await serve(switches, {});
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'outage' });
  });

  it('fails the share of calls that the random source picks', async () => {
    const switches = new FaultSwitches(['dept'], { ...calm, outage: [] });
    switches.set('dept', { ...calm, failureRate: 0.5 });
    const draws = [0.49, 0.5, 0.1];
    const url = await serve(switches, { random: () => draws.shift()! });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
    expect(statuses).toEqual([500, 200, 500]);
  });

  it('waits the configured latency before answering, then applies the other switches', async () => {
    const switches = new FaultSwitches(['dept'], { ...calm, outage: [] });
    switches.set('dept', { latencyMs: 750, failureRate: 0, outage: true });
    const waits: number[] = [];
    const url = await serve(switches, { sleep: async (ms) => void waits.push(ms) });
    expect((await fetch(url)).status).toBe(503);
    expect(waits).toEqual([750]);
  });
});

describe('fault switches', () => {
  it('take their defaults from SIM_LATENCY_MS, SIM_FAILURE_RATE and SIM_OUTAGE', () => {
    const config = loadConfig({ SIM_LATENCY_MS: '20', SIM_FAILURE_RATE: '0.25', SIM_OUTAGE: ' registration , hrss' });
    const switches = new FaultSwitches(['registration', 'hrss', 'tax'], faultDefaultsFromConfig(config));
    expect(switches.all()).toEqual({
      registration: { latencyMs: 20, failureRate: 0.25, outage: true },
      hrss: { latencyMs: 20, failureRate: 0.25, outage: true },
      tax: { latencyMs: 20, failureRate: 0.25, outage: false },
    });
  });

  it('default to no faults', () => {
    const switches = new FaultSwitches(['registration'], faultDefaultsFromConfig(loadConfig({})));
    expect(switches.get('registration')).toEqual(calm);
  });

  it('reject a failure rate outside 0..1', () => {
    expect(() => loadConfig({ SIM_FAILURE_RATE: '1.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_FAILURE_RATE: 'often' })).toThrow(/SIM_FAILURE_RATE/);
  });

  it('reject an outage for a department that is not simulated', () => {
    expect(() => new FaultSwitches(['registration'], { ...calm, outage: ['registraton'] })).toThrow(/registraton/);
  });
});
