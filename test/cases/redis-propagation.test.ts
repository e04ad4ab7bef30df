import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { approveAction, proposeAction, reverseAction, syncCasesFromReport, type CasesContext } from '../../src/cases/index.js';
import { loadConfig } from '../../src/config/index.js';
import { createGatewayState, type GatewayState } from '../../src/gateway/state/index.js';
import { ingestValues } from '../../src/ingest/index.js';
import { createLogger } from '../../src/observability/index.js';
import { describeEachDialect } from '../../src/store/testing.js';
import { report, reportAccount, reportNetwork } from './report-fixture.js';

const logger = createLogger('silent');

/** Polls until `check` holds; the bound is a hang guard, not a timing assertion. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}

describeEachDialect('scale-out: a ban decided on one replica reaches another over Redis', (getDb) => {
  let writer: GatewayState;
  let replica: GatewayState;
  const keyPrefix = `cases-test-${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    const redisUrl = inject('redisUrl');
    // catch-up every hour: only Redis pub/sub can deliver the change within the test.
    writer = createGatewayState({ database: getDb(), redisUrl, keyPrefix, logger, now: Date.now, catchUpIntervalMs: 3_600_000 });
    replica = createGatewayState({ database: getDb(), redisUrl, keyPrefix, logger, now: Date.now, catchUpIntervalMs: 3_600_000 });
    await Promise.all([writer.ready, replica.ready]);
    await ingestValues({ database: getDb(), now: Date.now }, [
      { id: 'rp-1', time: '2024-03-01T10:00:00Z', kind: 'login', account: 'rp_a', device: 'dev-rp' },
      { id: 'rp-2', time: '2024-03-01T10:00:00Z', kind: 'login', account: 'rp_b', device: 'dev-rp' },
    ], {});
  });
  afterAll(async () => {
    await writer?.close();
    await replica?.close();
  });

  it('approving on the writer makes the replica refuse the device; reversing lifts it', async () => {
    expect(writer.mode).toBe('scale-out');
    const ctx: CasesContext = { database: getDb(), config: loadConfig({}).cases, now: Date.now, enforcement: { blocklist: writer.blocklist, bus: writer.bus } };
    await syncCasesFromReport(ctx, report([reportAccount('rp_a', 'net-rp', ['r@1']), reportAccount('rp_b', 'net-rp', ['r@1'])], [reportNetwork('net-rp', ['rp_a', 'rp_b'], null)]));
    const { action } = await proposeAction(ctx, { targetType: 'network', targetId: 'net-rp', kind: 'network-ban', reason: 'redis test' }, 'key:analyst');
    expect((await approveAction(ctx, action.id, 'key:lead')).state).toBe('executed');
    const banned = () => replica.blocklist.match([{ kind: 'device', value: 'dev-rp' }], Date.now()).length > 0;
    await until(banned, 'the replica applies the ban');
    await reverseAction(ctx, action.id, 'key:lead', 'lifted');
    await until(() => !banned(), 'the replica applies the reversal');
  });
});
