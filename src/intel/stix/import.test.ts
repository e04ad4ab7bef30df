import { describe, expect, it } from 'vitest';
import { makeBundle, makeIdentity, makeIndicator, makeIntrusionSet } from '../../../test/intel/fixtures.js';
import { checkBundleSize, parseStixBundle } from './bundle.js';
import { formatIssue, importBundle, importBundleText } from './import.js';
import { IntelState } from './intel-state.js';
import { TLP1_MARKINGS, TLP2_MARKINGS } from './markings.js';
import { loadStixSchemas } from './schemas.js';
import type { StixObject } from './types.js';

const schemas = loadStixSchemas();
const provenance = { source: 'file:test.json', receivedAt: '2024-03-01T00:00:00.000Z' };
const run = (objects: StixObject[], state = new IntelState()) => ({ state, result: importBundle(state, makeBundle(objects), { schemas, provenance }) });

describe('importBundle: bad input is rejected whole, naming object, field and rule', () => {
  it('a bundle that is not JSON', () => {
    const r = importBundleText(new IntelState(), '{"type": "bundle", "objects": [', { schemas, provenance });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issues[0] as never)).toMatch(/^bundle \(bundle\): not JSON/);
  });

  it('a STIX 2.0 bundle and an object with the wrong spec_version', () => {
    const b20 = parseStixBundle(JSON.stringify({ type: 'bundle', id: 'bundle--5d6c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6', spec_version: '2.0', objects: [] }));
    expect(b20.ok === false && b20.issues[0]?.rule).toMatch(/STIX 2.1 bundles only/);
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { spec_version: '2.0' });
    const { result } = run([ind]);
    expect(result).toMatchObject({ ok: false, issues: [{ objectId: ind.id, field: 'spec_version', index: 0 }] });
  });

  it('an object missing its id, and an id of the wrong type', () => {
    const { id: _drop, ...noId } = makeIndicator("[ipv4-addr:value = '198.51.100.1']");
    const wrong = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { id: 'malware--5d6c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6' });
    const { result } = run([noId as StixObject, wrong]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.index, i.field])).toEqual([[0, 'id'], [1, 'id']]);
    expect(result.issues[0]?.rule).toMatch(/required/);
    expect(result.issues[1]?.rule).toMatch(/id of type "malware" on an object of type "indicator"/);
  });

  it('a pattern that does not parse', () => {
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.1'");
    const { result } = run([ind]);
    expect(result).toMatchObject({ ok: false, issues: [{ objectId: ind.id, field: 'pattern' }] });
    if (!result.ok) expect(result.issues[0]?.rule).toMatch(/INDICATOR_PATTERN_INVALID: expected "\]" but found end of pattern at character 33/);
  });

  it('valid_until before valid_from', () => {
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { valid_until: '2024-01-01T00:00:00Z' });
    const { result } = run([ind]);
    expect(result).toMatchObject({ ok: false, issues: [{ objectId: ind.id, field: 'valid_until' }] });
  });

  it('a schema violation is reported with the OASIS rule (confidence out of range)', () => {
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { confidence: 140 });
    const { result } = run([ind]);
    expect(result).toMatchObject({ ok: false, issues: [{ objectId: ind.id, field: 'confidence' }] });
  });

  it('applies nothing when one object of many fails', () => {
    const good = makeIndicator("[ipv4-addr:value = '198.51.100.1']");
    const bad = makeIndicator("[ipv4-addr:value = '198.51.100.2']", { valid_until: '2000-01-01T00:00:00Z' });
    const { state, result } = run([makeIdentity(), good, bad]);
    expect(result.ok).toBe(false);
    expect(state.size).toBe(0);
  });

  it('a bundle over the size limit is refused before it is read (200 MB)', () => {
    const r = checkBundleSize(200 * 1024 * 1024);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.issues[0]?.rule).toMatch(/bundle is 200.0 MiB, over the 128.0 MiB limit; split it/);
    expect(checkBundleSize(1024)).toBeNull();
  });
});

describe('importBundle: accepted bundles', () => {
  it('keeps an indicator with an unsupported object type, reported with its reason', () => {
    const ind = makeIndicator("[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo']");
    const { state, result } = run([makeIdentity(), ind]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.summary.patterns.unsupported).toEqual({ 'object-type': 1 });
    expect(result.summary.patterns.unsupportedIndicators).toEqual([
      { id: ind.id, reason: 'object-type', detail: 'Warden does not observe windows-registry-key objects' },
    ]);
    expect(state.get(ind.id)?.support).toMatchObject({ status: 'unsupported', reason: 'object-type' });
  });

  it('versions by modified: newer replaces, older and equal are ignored (§3.6)', () => {
    const v1 = makeIntrusionSet('Forest Blizzard', { modified: '2024-01-02T00:00:00.000Z' });
    const { state } = run([v1]);
    const v0 = { ...v1, modified: '2024-01-01T12:00:00.000Z', name: 'old' };
    const v2 = { ...v1, modified: '2024-01-03T00:00:00.000Z', name: 'new' };
    const r = importBundle(state, makeBundle([v0, v1]), { schemas, provenance });
    expect(r.ok && [r.summary.olderIgnored, r.summary.unchanged]).toEqual([1, 1]);
    const r2 = importBundle(state, makeBundle([v2]), { schemas, provenance });
    expect(r2.ok && r2.summary.updated).toBe(1);
    expect(state.getObject(v1.id)?.name).toBe('new');
  });

  it('a revoked object stays revoked: later versions are ignored and counted', () => {
    const v1 = makeIntrusionSet('X', { modified: '2024-01-02T00:00:00.000Z', revoked: true });
    const { state, result } = run([v1]);
    expect(result.ok && result.summary.revoked).toBe(1);
    const r = importBundle(state, makeBundle([{ ...v1, revoked: false, modified: '2024-02-01T00:00:00.000Z' }]), { schemas, provenance });
    expect(r.ok && r.summary.revokedIgnored).toBe(1);
    expect(state.getObject(v1.id)?.revoked).toBe(true);
  });

  it('reads TLP 1.0 and 2.0 markings, most restrictive wins', () => {
    const a = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { object_marking_refs: [TLP1_MARKINGS.green.id] });
    const b = makeIndicator("[ipv4-addr:value = '198.51.100.2']", { object_marking_refs: [TLP2_MARKINGS['amber+strict'].id, TLP1_MARKINGS.green.id] });
    const c = makeIndicator("[ipv4-addr:value = '198.51.100.3']", { object_marking_refs: [TLP1_MARKINGS.white.id] });
    const { state, result } = run([TLP1_MARKINGS.green, TLP2_MARKINGS['amber+strict'], makeIdentity(), a, b, c]);
    expect(result.ok).toBe(true);
    expect([a, b, c].map((o) => state.tlpOf(o))).toEqual(['green', 'amber+strict', 'clear']);
  });

  it('replaces a reserved TLP id carrying other content, with a warning', () => {
    const odd = { ...TLP1_MARKINGS.white, name: 'TLP:CLEAR', definition: { tlp: 'clear' } };
    const { state, result } = run([odd]);
    expect(result.ok && result.summary.warnings[0]?.rule).toMatch(/reserved TLP 1.0 marking id/);
    expect(state.getObject(odd.id)?.name).toBe('TLP:WHITE');
  });

  it('modified before created is a warning by default and an error under strict', () => {
    const o = makeIntrusionSet('Y', { created: '2024-02-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z' });
    expect(run([o]).result).toMatchObject({ ok: true, summary: { warnings: [{ field: 'modified', severity: 'warning' }] } });
    expect(importBundle(new IntelState(), makeBundle([o]), { schemas, provenance, strict: true })).toMatchObject({ ok: false });
  });
});
