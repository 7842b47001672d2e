import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot, variables } from '../../platform/config.ts';

describe('configuration', () => {
  it('applies the declared defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.filingSeason).toBe('configured');
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/dpf_review');
  });

  it('points the departments at the simulators wherever SIM_PORT and HOST put them, unless told otherwise', () => {
    expect(loadConfig({}).registrationUrl).toBe('http://127.0.0.1:3100/registration');
    const moved = loadConfig({ SIM_PORT: '3400' });
    expect([moved.registrationUrl, moved.taxUrl, moved.nationalPlatformUrl]).toEqual([
      'http://127.0.0.1:3400/registration',
      'http://127.0.0.1:3400/tax',
      'http://127.0.0.1:3400/national-platform',
    ]);
    expect(loadConfig({ SIM_PORT: '3400', HOST: '10.0.0.5' }).dpfUrl).toBe('http://10.0.0.5:3400/dpf');
    expect(loadConfig({ SIM_PORT: '3400', HOST: '0.0.0.0' }).dpfUrl).toBe('http://127.0.0.1:3400/dpf');
    // No simulators: the departments are configured one by one; the default stays where the simulators usually are.
    expect(loadConfig({ SIM_PORT: '0' }).wagesUrl).toBe('http://127.0.0.1:3100/wages');
    expect(loadConfig({ SIM_PORT: '3400', DEPT_TAX_URL: 'https://tax.example.gov.cn/dpf' }).taxUrl).toBe('https://tax.example.gov.cn/dpf');
  });

  it('stops on a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be an integer from 0 to 65535, got "eighty"'));
    expect(() => loadConfig({ FILING_SEASON: 'always' })).toThrow(/FILING_SEASON must be one of open, configured/);
  });

  it('draws one national platform token per process when none is set, and refuses a short or malformed one', () => {
    const drawn = loadConfig({}).nationalPlatformToken;
    expect(drawn).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The API and the simulated platform each load the configuration: they must agree on it.
    expect(loadConfig({ PORT: '0' }).nationalPlatformToken).toBe(drawn);
    const set = 'a'.repeat(24);
    expect(loadConfig({ NATIONAL_PLATFORM_TOKEN: set }).nationalPlatformToken).toBe(set);
    expect(() => loadConfig({ NATIONAL_PLATFORM_TOKEN: 'short' })).toThrow(/NATIONAL_PLATFORM_TOKEN must be at least 24 characters/);
    expect(() => loadConfig({ NATIONAL_PLATFORM_TOKEN: `${set} ${set}` })).toThrow(ConfigError);
  });

  it('has every variable documented once in docs/contracts.md §5', () => {
    const contracts = readFileSync(path.join(projectRoot, 'docs', 'contracts.md'), 'utf8');
    const rows = (name: string) => contracts.split(`| \`${name}\` |`).length - 1;
    expect(Object.values(variables).filter((v) => rows(v.name) !== 1).map((v) => v.name)).toEqual([]);
  });
});
