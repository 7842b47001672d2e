import { describe, expect, it } from 'vitest';
import { isUuid, UUID_PATTERN } from '../../platform/ids.ts';
import { compileSchema } from '../../platform/schema.ts';

const lower = '3f2b8c1e-9d4a-4e6b-8a7c-0123456789ab';

describe('ids', () => {
  it('accepts a UUID in lower, upper or mixed case, as PostgreSQL does', () => {
    expect(isUuid(lower)).toBe(true);
    expect(isUuid(lower.toUpperCase())).toBe(true);
    expect(isUuid('3F2B8C1E-9d4a-4E6B-8a7c-0123456789AB')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      undefined,
      null,
      42,
      {},
      '',
      'not-a-uuid',
      lower.replace(/-/g, ''),
      `{${lower}}`,
      ` ${lower}`,
      `${lower}\n`,
      `${lower}0`,
      lower.replace('a', 'g'),
      lower.slice(0, -1),
    ]) {
      expect(isUuid(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('means the same as a JSON Schema pattern', () => {
    const check = compileSchema<string>({ type: 'string', pattern: UUID_PATTERN });
    for (const value of [lower, lower.toUpperCase(), `${lower}0`, 'not-a-uuid', `${lower}\n`]) {
      expect(check(value).ok, JSON.stringify(value)).toBe(isUuid(value));
    }
  });
});
