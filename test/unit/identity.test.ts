import { describe, expect, it } from 'vitest';
import { bearerToken, TokenSigner, type Identity } from '../../platform/http/identity.ts';

const clerk: Identity = { sub: 'clerk-330106', role: 'clerk', regionCode: '330106' };
const NOW = Date.UTC(2025, 3, 1, 8, 0, 0);
const signer = new TokenSigner('a secret for tests', 3600);
const token = signer.sign(clerk, NOW);
const [body, mac] = token.split('.') as [string, string];
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenSigner', () => {
  it('verifies its own token and gives back the identity without the expiry', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signer.verify(token, NOW)).toEqual(clerk);
  });

  it('refuses a token whose body or mac was changed', () => {
    const promoted = base64url({ ...clerk, role: 'province', exp: NOW / 1000 + 3600 });
    expect(signer.verify(`${promoted}.${mac}`, NOW)).toBeUndefined();
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(signer.verify(`${body}.${flipped}`, NOW)).toBeUndefined();
    expect(new TokenSigner('another secret', 3600).verify(token, NOW)).toBeUndefined();
  });

  it('refuses anything after the mac', () => {
    for (const tampered of [token + 'x', token + '.x', token + ' x', token + ' ', token + '\n', token + '=', token + '.']) {
      expect(signer.verify(tampered, NOW), JSON.stringify(tampered)).toBeUndefined();
    }
  });

  it('refuses empty parts, white space inside and characters outside base64url', () => {
    for (const malformed of ['', '.', `.${mac}`, `${body}.`, body, `${body}..${mac}`, ` ${token}`, `${body} .${mac}`, `${body}.${mac.replace(/^./, '+')}`]) {
      expect(signer.verify(malformed, NOW), JSON.stringify(malformed)).toBeUndefined();
    }
  });

  it('refuses JWTs, "alg: none" ones included', () => {
    const header = base64url({ alg: 'none', typ: 'JWT' });
    const claims = base64url({ ...clerk, exp: NOW / 1000 + 3600 });
    for (const jwt of [`${header}.${claims}.`, `${header}.${claims}`, `${header}.${claims}.${mac}`, `${header}.${body}.${mac}`]) {
      expect(signer.verify(jwt, NOW), jwt).toBeUndefined();
    }
  });

  it('refuses a token once it has expired', () => {
    expect(signer.verify(token, NOW + 3599_000)).toEqual(clerk);
    expect(signer.verify(token, NOW + 3600_000)).toBeUndefined();
  });
});

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
