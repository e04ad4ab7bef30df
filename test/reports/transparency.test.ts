import { describe, expect, it } from 'vitest';
import { loadActorCatalogue } from '../../src/intel/index.js';
import {
  buildTransparencyReport,
  createPseudonymiser,
  renderTransparencyHtml,
  renderTransparencyMarkdown,
  type ActionRecord,
} from '../../src/reports/index.js';
import { analyze, decodeFixture } from '../analyze/helpers.js';

const events = decodeFixture('small.ndjson');
const analysis = analyze(events, { intel: ['intel.json'] });
const actions: ActionRecord[] = events
  .filter((d) => d.event.kind === 'account.enforced')
  .map((d) => ({ account: d.event.account, action: d.event.enforcement!.action, at: d.timeMs }));
const catalogue = loadActorCatalogue();
const pseudonymise = createPseudonymiser('a-test-key-of-sufficient-length');
const period = { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' };

describe('transparency report', () => {
  const report = buildTransparencyReport(
    { period, analysis, actions, catalogue, pseudonymise, topics: new Map([['Forest Blizzard', new Map([['radar', 3]])]]) },
    '2024-02-02T00:00:00Z',
  );

  it('counts the actor, its networks and its actioned accounts from the analysis and the actions', () => {
    expect(report.actors.map((a) => a.name)).toEqual(['Forest Blizzard']);
    const fb = report.actors[0]!;
    expect(fb.country).toBe('RU');
    expect(fb.aliases).toContain('APT28');
    expect(fb.accountsActioned).toBe(1);
    expect(fb.accounts).toBe(analysis.networks.find((n) => n.actor?.name === 'Forest Blizzard')!.accounts.length);
    expect(report.totals).toMatchObject({ actors: 1, accountsActioned: 1, actionsByKind: { terminate: 1 } });
    // One actioned account, found by intel: counted once however many indicators it matched.
    expect(fb.detectedBy['indicator-match']).toBe(1);
    expect(fb.topics).toEqual([{ topic: 'radar', count: 3 }]);
  });

  it('pseudonymises network ids with the key, never printing raw account ids', () => {
    const net = analysis.networks.find((n) => n.actor)!;
    expect(report.actors[0]!.networkRefs).toEqual([pseudonymise('network', net.id)]);
    const md = renderTransparencyMarkdown(report);
    const html = renderTransparencyHtml(report);
    for (const out of [md, html]) {
      for (const acc of analysis.accounts) expect(out).not.toContain(acc.account);
      expect(out).toContain('Forest Blizzard');
    }
    expect(createPseudonymiser('another-key-of-sufficient-length')('network', net.id)).not.toBe(report.actors[0]!.networkRefs[0]);
  });

  it('leaves out actions outside the period and accounts reinstated within it', () => {
    const later = buildTransparencyReport(
      { period: { from: '2024-03-01T00:00:00Z', to: '2024-04-01T00:00:00Z' }, analysis, actions, catalogue, pseudonymise },
      'now',
    );
    expect(later.totals.accountsActioned).toBe(0);
    const reinstated = buildTransparencyReport(
      { period, analysis, actions: [...actions, { account: 'acct_81', action: 'reinstate', at: Date.parse('2024-01-20T00:00:00Z') }], catalogue, pseudonymise },
      'now',
    );
    expect(reinstated.totals.accountsActioned).toBe(0);
    expect(reinstated.totals.actionsByKind).toEqual({ terminate: 1, reinstate: 1 });
  });

  it('escapes hostile names in HTML and Markdown tables', () => {
    const hostile = buildTransparencyReport(
      {
        period,
        analysis: {
          ...analysis,
          networks: analysis.networks.map((n) => (n.actor ? { ...n, actor: { ...n.actor, name: '<script>x</script>|pipe' } } : n)),
        },
        actions,
        catalogue,
        pseudonymise,
      },
      'now',
    );
    const html = renderTransparencyHtml(hostile);
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#60;script&#62;');
    const md = renderTransparencyMarkdown(hostile);
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;x&lt;/script&gt;\\|pipe');
  });

  it('finds the catalogue entry when intel names the actor by another vendor\'s alias', () => {
    const byAlias = buildTransparencyReport(
      {
        period,
        analysis: { ...analysis, networks: analysis.networks.map((n) => (n.actor ? { ...n, actor: { ...n.actor, name: 'APT28' } } : n)) },
        actions,
        catalogue,
        pseudonymise,
      },
      'now',
    );
    expect(byAlias.actors[0]).toMatchObject({ name: 'APT28', country: 'RU', mitreId: 'G0007' });
  });

  it('refuses a period that is not a range, and a short pseudonymisation key', () => {
    expect(() => buildTransparencyReport({ period: { from: 'x', to: 'y' }, analysis, actions, catalogue, pseudonymise }, 'now')).toThrow(/period/);
    expect(() => createPseudonymiser('short')).toThrow(/16 characters/);
  });
});
