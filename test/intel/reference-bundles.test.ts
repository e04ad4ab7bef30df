import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundleText } from '../../src/intel/stix/import.js';
import { IntelState } from '../../src/intel/stix/intel-state.js';
import { loadStixSchemas } from '../../src/intel/stix/schemas.js';
import { sharedDataPath } from './shared-data.js';

/** MITRE ATT&CK Enterprise and ATLAS import like any partner bundle (read from ../shared/data). */
const schemas = loadStixSchemas(sharedDataPath('stix2.1-json-schemas'));
const provenance = { source: 'file:reference', receivedAt: '2026-01-01T00:00:00.000Z' };

describe('reference bundles', () => {
  it('imports ATT&CK Enterprise 18.1 whole; groups are browsable', () => {
    const state = new IntelState();
    const r = importBundleText(state, readFileSync(sharedDataPath('mitre-attack-enterprise', 'enterprise-attack-18.1.json')), { schemas, provenance });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary.objects).toBe(24772);
    expect(r.summary.byType['intrusion-set']).toBe(187);
    expect(r.summary.revoked).toBe(140);
    const apt28 = [...state.ofType('intrusion-set')].find((x) =>
      (x.object.external_references as { external_id?: string }[] | undefined)?.some((e) => e.external_id === 'G0007'),
    );
    expect(apt28?.object.name).toBe('APT28');
    // ATT&CK carries no indicator objects: nothing to evaluate, nothing unsupported.
    expect(r.summary.patterns).toMatchObject({ event: 0, history: 0, unsupported: {} });
  });

  it('imports the ATLAS bundle, with its two modified-before-created objects as warnings', () => {
    const r = importBundleText(new IntelState(), readFileSync(sharedDataPath('mitre-atlas', 'stix-atlas.json')), { schemas, provenance });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary.byType['attack-pattern']).toBe(170);
    expect(r.summary.warnings.map((w) => w.field)).toEqual(['modified', 'modified']);
  });

  it('imports every ATLAS case-study bundle', () => {
    const dir = sharedDataPath('mitre-atlas', 'opencti-bundles');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const r = importBundleText(new IntelState(), readFileSync(join(dir, f)), { schemas, provenance });
      expect(r.ok ? 'ok' : `${f}: ${JSON.stringify(r.issues.slice(0, 2))}`).toBe('ok');
    }
  });
});
