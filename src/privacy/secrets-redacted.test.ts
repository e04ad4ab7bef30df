import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../config/index.js';

describe('encryption and SSO secrets in logged configuration', () => {
  it('are redacted (the config.applied audit entry and start-up logs print redacted settings)', () => {
    const key = randomBytes(32).toString('base64');
    const old = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')].join(',');
    const shown = JSON.stringify(
      redactConfig(
        loadConfig({
          WARDEN_PRIVACY_ENCRYPTION_KEY: key,
          WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS: old,
          WARDEN_OIDC_CLIENT_SECRET: 'oidc-client-secret-value',
        }),
      ),
    );
    for (const secret of [key, ...old.split(','), 'oidc-client-secret-value'])
      expect(shown).not.toContain(secret);
    expect(shown).toContain('"encryptionOldKeys":"***"');
  });
});
