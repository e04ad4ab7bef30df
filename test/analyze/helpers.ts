import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadActorProfiles } from '../../src/attribution/index.js';
import { decodeLine, decodeValue, type DecodedEvent } from '../../src/events/index.js';
import { loadActorCatalogue } from '../../src/intel/index.js';
import { loadIntel } from '../../src/cli/commands/analyze.js';
import { Analysis, toReport, type AnalyzeReport, type PipelineDeps } from '../../src/pipeline/index.js';

export const fixtures = join(import.meta.dirname, 'fixtures');

/** Valid events of an NDJSON fixture, decoded as the CLI does (invalid lines dropped). */
export function decodeFixture(name: string): DecodedEvent[] {
  const out: DecodedEvent[] = [];
  readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      const r = decodeLine(i + 1, text);
      if (r.ok) out.push(r.value);
    });
  return out;
}

/** Decodes event objects built in a test. */
export function decodeAll(events: unknown[]): DecodedEvent[] {
  return events.map((e, i) => {
    const r = decodeValue(i, e);
    if (!r.ok) throw new Error(`fixture event ${i} invalid: ${r.rejection.reason}`);
    return r.value;
  });
}

const profiles = loadActorProfiles();
const catalogue = loadActorCatalogue();

/** Runs the pipeline as `warden analyze` does (without content unless given) and shapes the report. */
export function analyze(
  events: readonly DecodedEvent[],
  opts: { intel?: string[]; deps?: Partial<PipelineDeps> } = {},
): AnalyzeReport {
  const intel = loadIntel(
    (opts.intel ?? []).map((f) => join(fixtures, f)),
    '2024-01-01T00:00:00.000Z',
  );
  const an = new Analysis({ profiles, catalogue, ...(intel ? { intel } : {}), ...opts.deps });
  for (const d of events) an.add(d);
  return toReport(an.evaluate(), {
    generatedAt: '2024-01-01T00:00:00.000Z',
    events: { read: events.length, accepted: events.length, rejected: 0 },
  });
}
