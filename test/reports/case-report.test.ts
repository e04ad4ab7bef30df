import { describe, expect, it } from 'vitest';
import { draftCases } from '../../src/cases/index.js';
import { IntelState, importBundle, loadActorCatalogue, loadStixSchemas, TLP2_MARKINGS } from '../../src/intel/index.js';
import {
  buildCaseReport,
  caseReportBundle,
  createPseudonymiser,
  parseTlp,
  Redactor,
  renderCaseHtml,
  renderCaseMarkdown,
  type CaseReportInput,
  type CaseReportSnapshot,
} from '../../src/reports/index.js';
import { analyze, decodeFixture } from '../analyze/helpers.js';

const analysis = analyze(decodeFixture('small.ndjson'), { intel: ['intel.json'] });
const draft = draftCases(analysis).find((d) => d.snapshot.network?.actor)!;
const net = draft.snapshot.network!;
const catalogue = loadActorCatalogue();
const pseudonymise = createPseudonymiser('a-test-key-of-sufficient-length');
const schemas = loadStixSchemas();

function input(over: Partial<CaseReportInput> = {}): CaseReportInput {
  return {
    case: {
      id: 'case_0001',
      title: draft.title,
      state: 'actioned',
      priority: draft.priority,
      disposition: 'true-positive',
      createdAt: '2024-01-13T00:00:00.000Z',
      updatedAt: '2024-01-14T00:00:00.000Z',
      accounts: draft.accounts,
      networkId: draft.networkId,
      actor: draft.actor,
    },
    snapshot: draft.snapshot,
    notes: [
      { kind: 'system', body: `Opened from detection: ${draft.title}`, at: Date.parse('2024-01-13T00:00:00Z') },
      { kind: 'change', body: 'state: "new" → "investigating"; assignee: null → "ana@provider.example"', at: Date.parse('2024-01-13T01:00:00Z') },
      { kind: 'note', body: `Internal: ${net.accounts[0]} paid with the same card as our employee`, at: Date.parse('2024-01-13T02:00:00Z') },
      { kind: 'note', body: `[shareable] Operators reuse device d-77f1 and mail k.tanaka80@examp1e-mail.org; see ${net.accounts[1]}.`, at: Date.parse('2024-01-13T03:00:00Z') },
      { kind: 'appeal', body: `Appeal for ${net.accounts[2]}: I am innocent, call me on +7 900 000`, at: Date.parse('2024-01-14T03:00:00Z') },
    ],
    actions: [
      {
        kind: 'network-ban',
        targetType: 'network',
        targetId: net.id,
        state: 'executed',
        reason: `Forest Blizzard network; ${net.accounts[0]} matched partner intel`,
        accounts: net.accounts.length,
        createdAt: Date.parse('2024-01-13T04:00:00Z'),
        executedAt: Date.parse('2024-01-13T05:00:00Z'),
        reversedAt: null,
      },
      { kind: 'warn', targetType: 'account', targetId: net.accounts[0]!, state: 'rejected', reason: 'not enough', accounts: 1, createdAt: 1, executedAt: null, reversedAt: null },
    ],
    catalogue,
    tlp: 'amber',
    pseudonymise,
    ...over,
  };
}

function allOutputs(over: Partial<CaseReportInput> = {}) {
  const report = buildCaseReport(input(over), '2024-02-01T00:00:00.000Z');
  return { report, md: renderCaseMarkdown(report), html: renderCaseHtml(report), json: JSON.stringify(report), stix: JSON.stringify(caseReportBundle(report, catalogue)) };
}

describe('case report for a partner', () => {
  it('summarises the network, its attribution with alternatives and evidence, TTPs, actions and the timeline', () => {
    const { report } = allOutputs();
    expect(report.title).toContain('Forest Blizzard');
    expect(report.summary.accounts).toBe(net.accounts.length);
    expect(report.summary.accountsActioned).toBe(net.accounts.length);
    expect(report.attribution.actor).toMatchObject({ name: 'Forest Blizzard', country: 'RU', mitreId: 'G0007', level: net.actor!.level });
    expect(report.attribution.alternatives.map((a) => a.name)).toContain('Quartz Mantis');
    expect(report.attribution.evidence.length).toBe(net.attribution_evidence.length);
    expect(report.indicators.map((i) => i.id)).toContain('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
    expect(report.actions).toHaveLength(1); // the rejected warning was never taken
    expect(report.actions[0]).toMatchObject({ kind: 'network-ban', state: 'executed', accounts: net.accounts.length });
    expect(report.timeline.map((t) => t.event)).toEqual(
      expect.arrayContaining(['First activity of the network', 'Case opened from a detection', 'Case moved from new to investigating', expect.stringMatching(/^network-ban executed on network network-[0-9a-f]{16}/)]),
    );
    expect([...report.timeline].map((t) => t.at)).toEqual([...report.timeline].map((t) => t.at).sort());
    expect(report.atlas).toContain('AML.T0040');
  });

  it('pseudonymises account ids, devices and mail patterns in every format, and keeps the actor infrastructure in clear', () => {
    const out = allOutputs();
    for (const [name, text] of Object.entries({ md: out.md, html: out.html, json: out.json, stix: out.stix })) {
      for (const acc of net.accounts) expect(text, `${name} names ${acc}`).not.toMatch(new RegExp(`${acc}(?![0-9])`));
      expect(text, name).not.toContain('d-77f1');
      expect(text, name).not.toContain('stem:ktanaka');
      expect(text, name).not.toContain('k.tanaka80@examp1e-mail.org');
      expect(text, name).not.toContain(net.id);
      expect(text, name).not.toContain('ana@provider.example');
    }
    expect(out.md).toContain('198.51.100.0/24');
    expect(out.report.infrastructure.find((k) => k.kind === 'ip-prefix')!.values[0]).toMatchObject({ value: '198.51.100.0/24', pseudonymised: false });
    expect(out.report.infrastructure.find((k) => k.kind === 'device')!.values[0]).toMatchObject({ value: pseudonymise('device', 'd-77f1'), pseudonymised: true });
    expect(out.report.accounts.map((a) => a.ref).sort()).toEqual(net.accounts.map((a) => pseudonymise('account', a)).sort());
    // The same key gives the same network reference as the transparency report's.
    expect(out.report.case.network).toBe(pseudonymise('network', net.id));
  });

  it('prints identifiers only when asked, and shares no value when the policy says none', () => {
    const clear = allOutputs({ includeIdentifiers: true });
    expect(clear.report.identifiers).toBe('included');
    expect(clear.html).toContain(net.accounts[0]);
    expect(clear.md).toContain('d-77f1');
    expect(clear.md).toContain('This report includes account identifiers');
    const none = allOutputs({ share: [] });
    expect(none.md).not.toContain('198.51.100.0/24');
    expect(none.md).not.toContain('198.51.100.23');
    expect(none.report.shared).toEqual([]);
  });

  it('includes only notes an analyst marked [shareable], never change, system or appeal notes', () => {
    const { report, md } = allOutputs();
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]!.body).toMatch(/^Operators reuse device device-[0-9a-f]{16} and mail email-[0-9a-f]{16}; see account-[0-9a-f]{16}\.$/);
    expect(md).not.toContain('Internal:');
    expect(md).not.toContain('innocent');
    expect(md).not.toContain('+7 900');
  });

  it('marks every format with the TLP 2.0 label: first and last line of Markdown, header and footer of HTML in its colours on black', () => {
    const { md, html, report } = allOutputs({ tlp: 'amber+strict' });
    const lines = md.trim().split('\n');
    expect(lines[0]).toMatch(/^\*\*TLP:AMBER\+STRICT\*\* — /);
    expect(lines[lines.length - 1]).toMatch(/^\*\*TLP:AMBER\+STRICT\*\* — /);
    expect(report.tlp.label).toBe('TLP:AMBER+STRICT');
    const banners = html.match(/<span style="background:#000000;color:#FFC000;[^"]*">TLP:AMBER\+STRICT<\/span>/g) ?? [];
    expect(banners).toHaveLength(2);
    expect(html.indexOf('<header>')).toBeLessThan(html.indexOf('<h1>'));
    expect(html.lastIndexOf('TLP:AMBER+STRICT')).toBeGreaterThan(html.indexOf('Analyst notes'));
    expect(allOutputs({ tlp: 'red' }).html).toContain('color:#FF2B2B');
    expect(allOutputs({ tlp: 'green' }).html).toContain('color:#33FF00');
    expect(allOutputs({ tlp: 'clear' }).html).toContain('color:#FFFFFF');
  });

  it('bundles STIX 2.1 that passes the OASIS schemas, every object marked with the OASIS TLP 2.0 definition', () => {
    for (const tlp of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      const report = buildCaseReport(input({ tlp }), '2024-02-01T00:00:00.000Z');
      const bundle = caseReportBundle(report, catalogue);
      const imported = importBundle(new IntelState(), bundle, { schemas, provenance: { source: 'test', receivedAt: '2024-02-02T00:00:00Z' } });
      expect(imported.ok, JSON.stringify(imported.ok ? '' : imported.issues.slice(0, 3))).toBe(true);
      const marking = bundle.objects.filter((o) => o.type === 'marking-definition');
      expect(marking).toEqual([TLP2_MARKINGS[tlp]]);
      for (const o of bundle.objects.filter((x) => x.type !== 'marking-definition')) expect(o.object_marking_refs, `${o.type} ${o.id}`).toEqual([TLP2_MARKINGS[tlp].id]);
      const rep = bundle.objects.find((o) => o.type === 'report')!;
      expect((rep.object_refs as string[]).length).toBe(bundle.objects.length - 3); // all but the marking, the identity and itself
      expect(bundle.objects.some((o) => o.type === 'intrusion-set' && o.name === 'Forest Blizzard')).toBe(true);
      expect(bundle.objects.some((o) => o.type === 'indicator' && o.pattern === "[ipv4-addr:value ISSUBSET '198.51.100.0/24']")).toBe(true);
    }
  });

  it('builds a report for a case with no evidence kept', () => {
    const { report, md, html, stix } = allOutputs({ snapshot: null, actions: [], notes: [], case: { ...input().case, networkId: null, actor: null, accounts: ['lonely_1'] } });
    expect(report.attribution.actor).toBeNull();
    expect(report.accounts).toEqual([]);
    expect(md).toContain('No account evidence was kept for this case.');
    expect(md).toContain('No partner indicator matched.');
    expect(html).toContain('Not attributed to a tracked actor.');
    expect(md).not.toContain('lonely_1');
    const bundle = JSON.parse(stix) as Parameters<typeof importBundle>[1];
    const imported = importBundle(new IntelState(), bundle, { schemas, provenance: { source: 'test', receivedAt: '2024-02-02T00:00:00Z' } });
    expect(imported.ok, JSON.stringify(imported.ok ? '' : imported.issues.slice(0, 3))).toBe(true);
  });

  it('escapes hostile text from notes, evidence and actions in Markdown, HTML and JSON', () => {
    const hostile = '<script>alert(1)</script> [click here](https://evil.example/x) ![img](http://evil.example/p.png) www.evil.example | # heading';
    const snapshot = structuredClone(draft.snapshot) as CaseReportSnapshot;
    const acc = snapshot.accounts[0]!;
    acc.evidence.push({ kind: 'content', detail: hostile, rule: 'x@1', weight: 0.1 });
    snapshot.network!.attribution_evidence.push({ kind: 'profile', detail: hostile, rule: 'attribution-profile@1', weight: 0.1 });
    const { md, html, json } = allOutputs({
      snapshot,
      notes: [{ kind: 'note', body: `[shareable] ${hostile}`, at: 5 }],
      actions: [{ ...input().actions[0]!, reason: hostile }],
      case: { ...input().case, actor: { name: '<img src=x onerror=alert(1)>', confidence: 0.5, level: 'low' } },
    });
    for (const out of [md, html]) {
      expect(out).not.toContain('<script>');
      expect(out).not.toContain('<img');
    }
    expect(md).not.toContain('](https://evil');
    expect(md).not.toContain('](http://evil');
    expect(html).not.toMatch(/<a\b|href=|src=/);
    expect(md).toContain('\\[click here\\]\\(https:\\/\\/evil.example/x\\)');
    expect(md).toContain('www\\.evil.example');
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toMatch(/^#+ heading/m);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(JSON.parse(json)).toBeTruthy();
  });
});

describe('TLP levels and the redactor', () => {
  it('reads TLP 2.0 levels as people write them and refuses the rest', () => {
    expect(parseTlp('amber')).toBe('amber');
    expect(parseTlp('TLP:AMBER+STRICT')).toBe('amber+strict');
    expect(parseTlp('amber strict')).toBe('amber+strict'); // a "+" in a query string arrives as a space
    expect(parseTlp(' Red ')).toBe('red');
    for (const bad of ['white', 'amber+', 'purple', '', 'tlp:', 'amber+strict+red']) expect(parseTlp(bad), bad).toBeNull();
  });

  it('replaces identifiers only on token boundaries, longest first', () => {
    const r = new Redactor(pseudonymise, new Set(['ip']), false);
    r.account('acct_8');
    r.account('acct_81');
    r.value('ip', '203.0.113.9');
    r.value('device', 'dev-1');
    expect(r.text('acct_81 and acct_8 and acct_80 share dev-1 and dev-10 from 203.0.113.9 and 203.0.113.90')).toBe(
      `${pseudonymise('account', 'acct_81')} and ${pseudonymise('account', 'acct_8')} and acct_80 share ${pseudonymise('device', 'dev-1')} and dev-10 from 203.0.113.9 and 203.0.113.90`,
    );
    expect(r.text('mail me at someone@example.org')).toBe(`mail me at ${pseudonymise('email', 'someone@example.org')}`);
  });
});
