import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing.js';
import { hashApiKey } from './api-keys.repo.js';
import {
  createGatewayKey,
  gatewayKeysVersion,
  listGatewayKeys,
  listLiveGatewayKeys,
  revokeGatewayKey,
} from './gateway-keys.repo.js';

describeEachDialect('gateway keys', (getDb) => {
  it('stores only the hash, lists without it, and revokes once', async () => {
    const { db } = getDb();
    const v0 = await gatewayKeysVersion(db);
    const { key, secret } = await createGatewayKey(
      db,
      { account: 'acct_1', org: 'org_1', name: 'prod' },
      1_000,
    );
    const other = await createGatewayKey(db, { account: 'acct_2', name: 'dev' }, 2_000);
    expect(secret).toMatch(/^wgk_[A-Za-z0-9_-]{43}$/);
    expect(key).toEqual({
      id: key.id,
      account: 'acct_1',
      org: 'org_1',
      name: 'prod',
      createdAt: 1_000,
      revokedAt: null,
    });
    const v1 = await gatewayKeysVersion(db);
    expect(v1).not.toBe(v0);

    const live = await listLiveGatewayKeys(db);
    expect(live.find((k) => k.id === key.id)?.keyHash).toBe(hashApiKey(secret));
    expect(JSON.stringify(await listGatewayKeys(db))).not.toContain(secret);
    expect(JSON.stringify(await listGatewayKeys(db))).not.toContain('keyHash');

    expect(await revokeGatewayKey(db, key.id, 3_000)).toBe(true);
    expect(await revokeGatewayKey(db, key.id, 4_000)).toBe(false);
    expect(await revokeGatewayKey(db, 'gk_nope', 4_000)).toBe(false);
    expect((await listLiveGatewayKeys(db)).map((k) => k.id)).toEqual([other.key.id]);
    expect((await listGatewayKeys(db)).find((k) => k.id === key.id)?.revokedAt).toBe(3_000);
    expect(await gatewayKeysVersion(db)).not.toBe(v1);
  });
});
