import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { Blocklist, LocalEnforcementBus } from '../enforcement/index.js';
import { ingestValues } from '../ingest/index.js';
import { describeEachDialect } from '../store/testing.js';
import { report, reportAccount, reportNetwork } from '../../test/cases/report-fixture.js';
import {
  approveAction,
  listActionViews,
  previewAction,
  proposeAction,
  rejectAction,
  reverseAction,
  runDueActions,
  syncCasesFromReport,
  type CasesContext,
} from './index.js';

describeEachDialect('enforcement actions', (getDb) => {
  let clock = Date.parse('2024-03-10T00:00:00Z');
  const bus = new LocalEnforcementBus();
  const blocklist = new Blocklist();
  bus.subscribe((c) => blocklist.apply(c));
  const ctx = (): CasesContext => ({
    database: getDb(),
    config: { ...loadConfig({}).cases, hubAccounts: 3 },
    now: () => clock,
    enforcement: { blocklist, bus },
  });
  const ev = (id: string, account: string, extra: Record<string, unknown>) => ({ id, time: '2024-03-01T10:00:00Z', kind: 'login', account, ...extra });

  beforeAll(async () => {
    const events = [
      ev('a1', 'n_1', { device: 'dev-n', ip: '198.51.100.7' }),
      ev('a2', 'n_2', { device: 'dev-n', ip: '198.51.100.8' }),
      { id: 'a3', time: '2024-03-01T10:00:00Z', kind: 'payment_method.added', account: 'n_2', payment: { fingerprint: 'pm-n' } },
      // An honest user on the network's device; three others on its office IP (a hub at hubAccounts = 3).
      ev('h1', 'honest_dev', { device: 'dev-n' }),
      ev('o1', 'office_1', { ip: '198.51.100.7' }),
      ev('o2', 'office_2', { ip: '198.51.100.7' }),
      ev('o3', 'office_3', { ip: '198.51.100.7' }),
      ev('s1', 'solo', { device: 'dev-solo' }),
    ];
    const counts = await ingestValues({ database: getDb(), now: () => clock }, events, {});
    expect(counts.accepted).toBe(events.length);
    await syncCasesFromReport(ctx(), report([reportAccount('n_1', 'net-a1', ['r@1']), reportAccount('n_2', 'net-a1', ['r@1'])], [reportNetwork('net-a1', ['n_1', 'n_2'], null)]));
  });

  it('refuses to act on an account, org or network Warden does not know, naming it', async () => {
    for (const [targetType, targetId] of [['account', 'ghost_9'], ['network', 'net-nope'], ['org', 'org-nope']] as const)
      await expect(proposeAction(ctx(), { targetType, targetId, kind: targetType === 'network' ? 'network-ban' : 'suspend', reason: 'x' }, 'key:1')).rejects.toMatchObject({
        code: 'ACTION_TARGET_NOT_FOUND',
        message: expect.stringContaining(targetId) as unknown,
      });
    await expect(previewAction(ctx(), { targetType: 'account', targetId: 'solo', kind: 'network-ban' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('previews the blast radius: values, the honest sharer with its state, and the office IP as an unconfirmed hub', async () => {
    const plan = await previewAction(ctx(), { targetType: 'network', targetId: 'net-a1', kind: 'network-ban' });
    expect(plan.accounts).toEqual(['n_1', 'n_2']);
    const byKey = new Map(plan.entries.map((e) => [`${e.kind}:${e.value}`, e]));
    expect(byKey.get('device:dev-n')).toMatchObject({ included: true, outsideAccounts: 1, hub: null });
    expect(byKey.get('payment:pm-n')).toMatchObject({ included: true, outsideAccounts: 0 });
    expect(byKey.get('ip:198.51.100.7')).toMatchObject({ included: false, outsideAccounts: 3 });
    expect(byKey.get('ip:198.51.100.7')?.hub).toMatch(/3 accounts outside/);
    expect(plan.collateral).toContainEqual(expect.objectContaining({ account: 'honest_dev', affected: true, shares: [{ kind: 'device', value: 'dev-n' }] }));
    // The office /24 is as shared as the address: a hub too, so the office users are listed but not affected.
    expect(byKey.get('cidr:198.51.100.0/24')).toMatchObject({ included: false, outsideAccounts: 3 });
    expect(plan.collateral).toContainEqual(expect.objectContaining({ account: 'office_1', affected: false }));
    expect(plan.warnings.join(' ')).toMatch(/hub value/);
    const confirmed = await previewAction(ctx(), { targetType: 'network', targetId: 'net-a1', kind: 'network-ban', confirmHubs: ['ip:198.51.100.7'] });
    expect(confirmed.entries.find((e) => e.value === '198.51.100.7')?.included).toBe(true);
  });

  it('is idempotent: the same key, or the same open action, gives the same action', async () => {
    const first = await proposeAction(ctx(), { targetType: 'account', targetId: 'solo', kind: 'warn', reason: 'first', idempotencyKey: 'k-solo' }, 'key:1');
    expect(first.created).toBe(true);
    const sameKey = await proposeAction(ctx(), { targetType: 'account', targetId: 'solo', kind: 'warn', reason: 'retry', idempotencyKey: 'k-solo' }, 'key:1');
    const sameOpen = await proposeAction(ctx(), { targetType: 'account', targetId: 'solo', kind: 'warn', reason: 'twice' }, 'key:2');
    expect([sameKey.created, sameOpen.created]).toEqual([false, false]);
    expect(sameKey.action.id).toBe(first.action.id);
    expect(sameOpen.action.id).toBe(first.action.id);
    const ex1 = await approveAction(ctx(), first.action.id, 'key:lead');
    const ex2 = await approveAction(ctx(), first.action.id, 'key:lead');
    expect([ex1.state, ex2.state]).toEqual(['executed', 'executed']);
    expect(blocklist.match([{ kind: 'account', value: 'solo' }], clock).map((h) => h.entry.effect)).toEqual(['flag']);
    await expect(rejectAction(ctx(), first.action.id, 'key:lead', 'too late')).rejects.toMatchObject({ code: 'ACTION_STATE_INVALID' });
  });

  it('bans a network at once on approval, publishes to the gateway copy, and reverses cleanly', async () => {
    const { action } = await proposeAction(ctx(), { targetType: 'network', targetId: 'net-a1', kind: 'network-ban', reason: 'ban' }, 'key:analyst');
    expect(action.caseId).not.toBeNull();
    const executed = await approveAction(ctx(), action.id, 'key:lead');
    expect(executed.state).toBe('executed');
    expect(blocklist.match([{ kind: 'device', value: 'dev-n' }], clock)).toHaveLength(1);
    expect(blocklist.match([{ kind: 'ip', value: '198.51.100.8' }], clock).map((h) => h.entry.kind)).toEqual(['ip']);
    expect(blocklist.match([{ kind: 'ip', value: '198.51.100.7' }], clock)).toEqual([]); // unconfirmed hubs are skipped
    const reversed = await reverseAction(ctx(), action.id, 'key:lead', 'appeal upheld');
    expect(reversed.state).toBe('reversed');
    expect(blocklist.match([{ kind: 'device', value: 'dev-n' }], clock)).toHaveLength(0);
    expect((await reverseAction(ctx(), action.id, 'key:lead', 'again')).state).toBe('reversed');
  });

  it('holds a delayed action until its time, then the scheduler runs it; expiry ends it', async () => {
    const at = new Date(clock + 60_000).toISOString();
    const { action } = await proposeAction(ctx(), { targetType: 'account', targetId: 'n_1', kind: 'suspend', reason: 'delayed', executeAt: at, durationMs: 120_000 }, 'key:analyst');
    expect((await approveAction(ctx(), action.id, 'key:lead')).state).toBe('approved');
    expect(await runDueActions(ctx())).toEqual({ executed: 0, expired: 0 });
    expect(blocklist.match([{ kind: 'account', value: 'n_1' }], clock)).toHaveLength(0);
    clock += 60_000;
    expect(await runDueActions(ctx())).toEqual({ executed: 1, expired: 0 });
    expect(blocklist.match([{ kind: 'account', value: 'n_1' }], clock)).toHaveLength(1);
    clock += 120_000;
    expect(blocklist.match([{ kind: 'account', value: 'n_1' }], clock)).toHaveLength(0);
    expect(await runDueActions(ctx())).toEqual({ executed: 0, expired: 1 });
    const list = await listActionViews(ctx(), { limit: 10, state: 'expired' });
    expect(list.actions.map((a) => a.id)).toContain(action.id);
  });
});
