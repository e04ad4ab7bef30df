import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { oidcSettings, roleFromClaims } from './oidc.js';

const base = {
  WARDEN_OIDC_ISSUER: 'https://idp.example.org',
  WARDEN_OIDC_CLIENT_ID: 'warden',
  WARDEN_OIDC_REDIRECT_URL: 'https://warden.example.org/api/v1/auth/oidc/callback',
};
const settings = (env: Record<string, string>) => oidcSettings(loadConfig(env));

describe('OIDC settings', () => {
  it('is off without an issuer, and reads a full configuration', () => {
    expect(settings({})).toBeUndefined();
    const s = settings({
      ...base,
      WARDEN_OIDC_ROLE_MAP: 'soc=analyst, soc-leads = lead,a=b=admin',
      WARDEN_OIDC_DEFAULT_ROLE: 'viewer',
    })!;
    expect(s.issuer.href).toBe('https://idp.example.org/');
    expect([...s.roleMap]).toEqual([
      ['soc', 'analyst'],
      ['soc-leads', 'lead'],
      ['a=b', 'admin'],
    ]);
    expect(s.autoProvision).toBe(false);
    expect(settings({ ...base, WARDEN_OIDC_ISSUER: 'http://127.0.0.1:9' })!.issuer.protocol).toBe('http:');
  });

  it('rejects a half or malformed configuration, naming the variable', () => {
    for (const [env, variable] of [
      [{ WARDEN_OIDC_ISSUER: base.WARDEN_OIDC_ISSUER }, 'WARDEN_OIDC_REDIRECT_URL'],
      [{ ...base, WARDEN_OIDC_ISSUER: 'http://idp.example.org' }, 'WARDEN_OIDC_ISSUER'],
      [{ ...base, WARDEN_OIDC_ISSUER: 'not a url' }, 'WARDEN_OIDC_ISSUER'],
      [{ ...base, WARDEN_OIDC_REDIRECT_URL: 'javascript:alert(1)' }, 'WARDEN_OIDC_REDIRECT_URL'],
      [{ ...base, WARDEN_OIDC_CLIENT_ID: '' }, 'WARDEN_OIDC_CLIENT_ID'],
      [{ ...base, WARDEN_OIDC_ROLE_MAP: 'soc=root' }, 'WARDEN_OIDC_ROLE_MAP'],
      [{ ...base, WARDEN_OIDC_ROLE_MAP: 'soc=ingest' }, 'WARDEN_OIDC_ROLE_MAP'],
      [{ ...base, WARDEN_OIDC_ROLE_MAP: '=admin' }, 'WARDEN_OIDC_ROLE_MAP'],
      [{ ...base, WARDEN_OIDC_SCOPES: 'email profile' }, 'WARDEN_OIDC_SCOPES'],
    ] as const) {
      expect(() => settings(env), variable).toThrow(variable);
    }
    expect(() => settings({ ...base, WARDEN_OIDC_DEFAULT_ROLE: 'root' })).toThrow('WARDEN_OIDC_DEFAULT_ROLE');
  });
});

describe('roles from claims', () => {
  const s = {
    roleClaim: 'groups',
    roleMap: new Map([
      ['soc', 'analyst'],
      ['soc-leads', 'lead'],
    ] as const),
    defaultRole: undefined,
  };
  it('takes the most privileged mapped role, else the default, else none', () => {
    expect(roleFromClaims({ groups: ['soc', 'soc-leads', 'other'] }, s)).toBe('lead');
    expect(roleFromClaims({ groups: 'soc' }, s)).toBe('analyst');
    expect(roleFromClaims({ groups: ['other'] }, s)).toBeUndefined();
    expect(roleFromClaims({ groups: ['other'] }, { ...s, defaultRole: 'viewer' })).toBe('viewer');
  });
  it('ignores hostile claim shapes', () => {
    for (const groups of [
      null,
      42,
      { soc: true },
      [['soc']],
      [null, 7],
      'x'.repeat(100_000),
      Array(100_000).fill('nope'),
    ]) {
      expect(roleFromClaims({ groups }, s)).toBeUndefined();
    }
    expect(roleFromClaims({ groups: ['__proto__', 'constructor', 'toString'] }, s)).toBeUndefined();
    expect(roleFromClaims({}, s)).toBeUndefined();
  });
});
