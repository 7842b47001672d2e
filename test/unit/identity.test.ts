import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../platform/http/identity.ts';
import { isLoopbackAddress } from '../../sign-in/loopback.ts';

// A session secret as the server hands them out: 32 random bytes, base64url.
const token = randomBytes(32).toString('base64url');

describe('bearerToken', () => {
  it('takes the token of the Bearer scheme in any case', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) expect(bearerToken(`${scheme} ${token}`)).toBe(token);
  });

  it('allows several spaces before the token and white space after it', () => {
    expect(bearerToken(`Bearer   ${token}`)).toBe(token);
    expect(bearerToken(`Bearer ${token} \t`)).toBe(token);
  });

  it('refuses other schemes, a missing token and anything after the token', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      token,
      `Basic ${Buffer.from('admin:secret').toString('base64')}`,
      `Basic ${token}`,
      `Bearer${token}`,
      `Bearer\t${token}`,
      ` Bearer ${token}`,
      `Bearer ${token} x`,
      `Bearer ${token},Bearer ${token}`,
      `Bearer ${token}\nX-Injected: 1`,
    ]) {
      expect(bearerToken(header), JSON.stringify(header)).toBeUndefined();
    }
  });
});

describe('isLoopbackAddress', () => {
  it('takes this machine’s own addresses only (development sign-in answers nowhere else)', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [undefined, '', '10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', '128.0.0.1', '::2', 'fe80::1', '127.0.0.1.evil']) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});
