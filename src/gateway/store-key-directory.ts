import type { Database } from '../store/index.js';
import { gatewayKeysVersion, hashApiKey, listLiveGatewayKeys, type GatewayKey } from '../store/index.js';
import type { KeyDirectory, KeyIdentity } from './key-directory.js';

function toIdentity(k: GatewayKey): KeyIdentity {
  return k.org === null
    ? { keyId: k.id, account: k.account }
    : { keyId: k.id, account: k.account, org: k.org };
}

/**
 * The store's live gateway keys held in a hash map, polled every `refreshMs` through a cheap
 * version query and reloaded only when it changes: a key revoked on any replica stops working
 * everywhere within one poll. Loads once before it resolves, so a fresh gateway knows every key.
 */
export async function storeKeyDirectory(
  database: Database,
  refreshMs: number,
  onError: (err: unknown) => void,
): Promise<KeyDirectory> {
  let byHash = new Map<string, KeyIdentity>();
  let version = '';
  let running: Promise<void> | undefined;
  const load = async () => {
    const v = await gatewayKeysVersion(database.db);
    if (v === version) return;
    const next = new Map<string, KeyIdentity>();
    for (const k of await listLiveGatewayKeys(database.db)) next.set(k.keyHash, toIdentity(k));
    byHash = next;
    version = v;
  };
  const refresh = () => {
    // One load at a time; a caller during a load waits for that load and then one more.
    running = (running ?? Promise.resolve()).then(load).finally(() => (running = undefined));
    return running;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch(onError);
  }, refreshMs);
  timer.unref();
  return {
    lookup: (secret) => byHash.get(hashApiKey(secret)),
    refresh,
    close: () => clearInterval(timer),
  };
}
