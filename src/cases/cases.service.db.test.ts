import { expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { loadActorCatalogue } from '../intel/index.js';
import { describeEachDialect } from '../store/testing.js';
import { report, reportAccount, reportNetwork } from '../../test/cases/report-fixture.js';
import type { AuditRecordInput } from '../audit/index.js';
import {
  applyStateActorPolicy,
  fileAppeal,
  getCaseDetail,
  listCaseViews,
  measurePrecision,
  syncCasesFromReport,
  updateCase,
  type CasesContext,
} from './index.js';

describeEachDialect('cases service', (getDb) => {
  const audit: AuditRecordInput[] = [];
  let clock = 1_700_000_000_000;
  const ctx = (over: Partial<CasesContext> = {}): CasesContext => ({
    database: getDb(),
    config: loadConfig({}).cases,
    now: () => (clock += 1000),
    audit: { record: (e) => Promise.resolve(void audit.push(e)) },
    catalogue: loadActorCatalogue(),
    ...over,
  });

  it('opens one case per network and one per lone account, and never a second on re-sync', async () => {
    const r = report(
      [reportAccount('s_a', 'net-s1', ['intel-match@1']), reportAccount('s_b', 'net-s1', ['content@2']), reportAccount('s_lone', null, ['content@2'])],
      [reportNetwork('net-s1', ['s_a', 's_b'], null)],
    );
    const first = await syncCasesFromReport(ctx(), r);
    expect(first.opened).toHaveLength(2);
    const again = await syncCasesFromReport(ctx(), r);
    expect(again).toEqual({ opened: [], updated: [], unchanged: 2 });
    // New evidence (a third member) updates the same case.
    const grown = report([...r.accounts, reportAccount('s_c', 'net-s1', ['link@1'])], [reportNetwork('net-s1', ['s_a', 's_b', 's_c'], null)]);
    const third = await syncCasesFromReport(ctx(), grown);
    expect(third.opened).toEqual([]);
    expect(third.updated).toHaveLength(1);
    const list = await listCaseViews(ctx(), { limit: 50 });
    const net = list.cases.filter((c) => c.networkId === 'net-s1');
    expect(net).toHaveLength(1);
    expect(net[0]!.accounts).toEqual(['s_a', 's_b', 's_c']);
    const detail = await getCaseDetail(ctx(), net[0]!.id);
    expect(detail.snapshot.refs.rules).toEqual(['content@2', 'intel-match@1', 'link@1']);
    expect(detail.notes.map((n) => n.body).join('\n')).toMatch(/1 new account/);
    expect(audit.filter((a) => a.action === 'case.opened')).toHaveLength(2);
  });

  it('moves through the transition table, refuses an illegal move, and rejects a stale version with the current one', async () => {
    await syncCasesFromReport(ctx(), report([reportAccount('t_a', null, ['content@2'])], []));
    const c = (await listCaseViews(ctx(), { limit: 50 })).cases.find((x) => x.key === 'account:t_a')!;
    const v2 = await updateCase(ctx(), c.id, { version: c.version, state: 'triage', assignee: 'ana', tags: ['apt', 'apt'] }, 'key:1');
    expect(v2).toMatchObject({ state: 'triage', assignee: 'ana', tags: ['apt'], version: c.version + 1 });
    await expect(updateCase(ctx(), c.id, { version: v2.version, state: 'closed' }, 'key:1')).resolves.toMatchObject({ state: 'closed' });
    await expect(updateCase(ctx(), c.id, { version: v2.version + 1, state: 'actioned' }, 'key:1')).rejects.toMatchObject({
      code: 'CASE_TRANSITION_INVALID',
      details: { from: 'closed', allowed: ['reopened'] },
    });
    await expect(updateCase(ctx(), c.id, { version: c.version, priority: 'low' }, 'key:2')).rejects.toMatchObject({
      code: 'CASE_VERSION_CONFLICT',
      details: { currentVersion: v2.version + 1, sentVersion: c.version },
    });
    await expect(updateCase(ctx(), 'case_nope', { version: 1 }, 'key:2')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });

  it('measures precision per rule and detector from true and false positive dispositions', async () => {
    await syncCasesFromReport(
      ctx(),
      report(
        [reportAccount('p_1', null, ['intel-match@1', 'content@2']), reportAccount('p_2', null, ['content@2']), reportAccount('p_3', null, ['content@3'])],
        [],
      ),
    );
    const cases = (await listCaseViews(ctx(), { limit: 100 })).cases;
    const byKey = (k: string) => cases.find((c) => c.key === k)!;
    await updateCase(ctx(), byKey('account:p_1').id, { version: byKey('account:p_1').version, disposition: 'true-positive' }, 'key:1');
    await updateCase(ctx(), byKey('account:p_2').id, { version: byKey('account:p_2').version, disposition: 'false-positive' }, 'key:1');
    await updateCase(ctx(), byKey('account:p_3').id, { version: byKey('account:p_3').version, disposition: 'benign-but-suspicious' }, 'key:1');
    const p = await measurePrecision(ctx());
    expect(p.rules).toEqual(
      expect.arrayContaining([
        { rule: 'content@2', truePositives: 1, falsePositives: 1, precision: 0.5 },
        { rule: 'intel-match@1', truePositives: 1, falsePositives: 0, precision: 1 },
      ]),
    );
    expect(p.rules.find((r) => r.rule === 'content@3')).toBeUndefined();
    expect(p.detectors).toEqual(expect.arrayContaining([{ rule: 'content', truePositives: 1, falsePositives: 1, precision: 0.5 }]));
  });

  it('an appeal reopens the case with the statement; an unknown account is a clear 404', async () => {
    await syncCasesFromReport(ctx(), report([reportAccount('ap_1', null, ['content@2'])], []));
    const c = (await listCaseViews(ctx(), { limit: 100 })).cases.find((x) => x.key === 'account:ap_1')!;
    const decided = await updateCase(ctx(), c.id, { version: c.version, state: 'decided' }, 'key:1');
    await updateCase(ctx(), c.id, { version: decided.version, state: 'actioned' }, 'key:1');
    const after = await fileAppeal(ctx(), { account: 'ap_1', statement: 'I am a researcher at a university.' }, 'webhook:provider');
    expect(after.state).toBe('reopened');
    const detail = await getCaseDetail(ctx(), c.id);
    expect(detail.notes.find((n) => n.kind === 'appeal')?.body).toMatch(/researcher/);
    await expect(fileAppeal(ctx(), { account: 'nobody', statement: 'x' }, 'k')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });

  it('the state-actor policy proposes a ban for a high-confidence tracked state actor only', async () => {
    const r = report(
      [reportAccount('sa_1', 'net-sa', ['intel-match@1']), reportAccount('sa_2', 'net-sa', ['intel-match@1']), reportAccount('cr_1', 'net-cr', ['intel-match@1']), reportAccount('cr_2', 'net-cr', ['content@2'])],
      [reportNetwork('net-sa', ['sa_1', 'sa_2'], { name: 'APT28', level: 'high' }), reportNetwork('net-cr', ['cr_1', 'cr_2'], { name: 'APT28', level: 'moderate' })],
    );
    const sync = await syncCasesFromReport(ctx(), r);
    const proposed = await applyStateActorPolicy(ctx(), sync.opened);
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({ targetType: 'network', targetId: 'net-sa', kind: 'network-ban', state: 'proposed', policy: 'state-actor-ban', proposedBy: 'system:policy' });
    // Idempotent: applying the policy again proposes nothing new.
    const again = await applyStateActorPolicy(ctx(), sync.opened);
    expect(again.map((a) => a.id)).toEqual(proposed.map((a) => a.id));
    const off = await applyStateActorPolicy(ctx({ config: { ...loadConfig({}).cases, stateActorPolicy: 'off' } }), sync.opened);
    expect(off).toEqual([]);
  });

  it('in auto mode the policy bans at once, as system:policy, and the case is actioned', async () => {
    const r = report([reportAccount('au_1', 'net-au', ['intel-match@1']), reportAccount('au_2', 'net-au', ['intel-match@1'])], [
      reportNetwork('net-au', ['au_1', 'au_2'], { name: 'Emerald Sleet', level: 'high' }),
    ]);
    const auto = ctx({ config: { ...loadConfig({}).cases, stateActorPolicy: 'auto' } });
    const sync = await syncCasesFromReport(auto, r);
    const [action] = await applyStateActorPolicy(auto, sync.opened);
    expect(action).toMatchObject({ state: 'executed', decidedBy: 'system:policy', targetId: 'net-au' });
    expect(action!.plan.accounts).toEqual(['au_1', 'au_2']);
    expect((await getCaseDetail(auto, sync.opened[0]!)).case.state).toBe('actioned');
    expect(audit.some((a) => a.action === 'policy.applied' && a.actor === 'system:policy')).toBe(true);
  });
});
