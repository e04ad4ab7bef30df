/**
 * Shared by the analyze benchmarks: builds a simulated world in memory (src/sim), runs the
 * pipeline over its events and scores the verdicts against the world's truth.
 */
import { loadActorProfiles } from '../src/attribution/index.js';
import { createClassifier, loadClassifierModel } from '../src/content/index.js';
import { decodeLine } from '../src/events/index.js';
import { loadActorCatalogue } from '../src/intel/index.js';
import {
  Analysis,
  contentPortFrom,
  toReport,
  type AnalysisResult,
  type ContentVerdict,
  type PipelineDeps,
  type PipelineConfigInput,
  pipelineConfigSchema,
} from '../src/pipeline/index.js';
import {
  createIntelPort,
  importBundle,
  IntelState,
  loadStixSchemas,
  loadWarninglists,
} from '../src/intel/index.js';
import { createWorld, scoreAnalyzeReport, type AnalyzeScore, type Truth } from '../src/sim/index.js';
import type { LinkKind } from '../src/linkage/index.js';

export interface Variant {
  name: string;
  intel: boolean;
  content: boolean;
  ignoreKinds: LinkKind[];
  /** Overrides of the pipeline configuration (e.g. community detection). */
  config?: PipelineConfigInput;
}

export const fullVariant: Variant = { name: 'full', intel: true, content: true, ignoreKinds: [] };

export interface WorldRun {
  seed: number;
  events: number;
  result: AnalysisResult;
  truth: {
    account: string;
    label: string;
    kind: string;
    hard_negative: boolean;
    actor: string | null;
    ban_evasion: boolean;
  }[];
  ms: number;
}

/** Decoded events and truth of a world, generated once and reused by every variant. */
export function buildWorld(seed: number, accounts: number) {
  const world = createWorld({ seed, accounts });
  const contentCache = new Map<string, ContentVerdict>();
  const decoded = [];
  for (const lines of world.eventLines()) {
    for (const line of lines) {
      const r = decodeLine(0, line);
      if (r.ok) decoded.push(r.value);
    }
  }
  const truth = JSON.parse([...world.truthChunks()].join('')) as Truth;
  return { world, decoded, truth: truth.accounts, truthFile: truth, contentCache };
}

const shared = { profiles: loadActorProfiles(), catalogue: loadActorCatalogue() };
let classifier: ReturnType<typeof createClassifier> | undefined;

/** The intel port over one bundle, as `warden analyze --intel` builds it. */
export function intelPortOf(bundle: { type: 'bundle'; id: string; objects: Record<string, unknown>[] }) {
  const state = new IntelState();
  const r = importBundle(state, bundle as never, {
    schemas: loadStixSchemas(),
    provenance: { source: 'file:intel.json', receivedAt: '2024-01-01T00:00:00Z' },
  });
  if (!r.ok) throw new Error(`sim bundle failed validation: ${r.issues[0]?.rule}`);
  return createIntelPort(state, { warninglists: loadWarninglists() });
}

/** Runs one variant of the pipeline over a built world. */
export function runVariant(
  w: ReturnType<typeof buildWorld>,
  v: Variant,
): { result: AnalysisResult; ms: number; analysis: Analysis } {
  const deps: PipelineDeps = {
    ...shared,
    ignoreKinds: v.ignoreKinds,
    ...(v.config ? { config: pipelineConfigSchema.parse(v.config) } : {}),
  };
  if (v.intel) deps.intel = intelPortOf(w.world.intel.bundle);
  if (v.content) {
    // Variants of one world classify the same texts: memoise, so ablations cost linkage only.
    const port = contentPortFrom((classifier ??= createClassifier(loadClassifierModel())));
    deps.content = {
      source: port.source,
      ...(port.extractTopics ? { extractTopics: port.extractTopics } : {}),
      classify(text) {
        let c = w.contentCache.get(text);
        if (!c) w.contentCache.set(text, (c = port.classify(text)));
        return c;
      },
    };
  }
  const t = performance.now();
  const an = new Analysis(deps);
  for (const d of w.decoded) an.add(d);
  const result = an.evaluate();
  return { result, ms: performance.now() - t, analysis: an };
}

export interface Quality {
  precision: number;
  recall: number;
  hardNegativeFpr: number;
  honestFpr: number;
  attribution: number;
  evasionRecall: number;
  flagged: number;
  malicious: number;
}

/**
 * Scores a result against truth. An account is flagged when listed (malicious or suspicious).
 * Attribution accuracy is over correctly flagged malicious accounts: the named actor equals the
 * truth's actor, where "unattributed" is right for crime groups and lone users.
 */
export function score(result: AnalysisResult, truth: WorldRun['truth']): Quality {
  const listed = new Map(result.accounts.map((a) => [a.account, a]));
  let tp = 0;
  let mal = 0;
  let hn = 0;
  let hnFp = 0;
  let honest = 0;
  let honestFp = 0;
  let attrOk = 0;
  let ev = 0;
  let evHit = 0;
  for (const t of truth) {
    const got = listed.get(t.account);
    if (t.label === 'malicious') {
      mal++;
      if (t.ban_evasion) {
        ev++;
        if (got) evHit++;
      }
      if (got) {
        tp++;
        if ((got.actor?.name ?? null) === t.actor) attrOk++;
      }
    } else {
      honest++;
      if (got) honestFp++;
      if (t.hard_negative) {
        hn++;
        if (got) hnFp++;
      }
    }
  }
  return {
    precision: listed.size === 0 ? 1 : tp / listed.size,
    recall: mal === 0 ? 1 : tp / mal,
    hardNegativeFpr: hn === 0 ? 0 : hnFp / hn,
    honestFpr: honest === 0 ? 0 : honestFp / honest,
    attribution: tp === 0 ? 0 : attrOk / tp,
    evasionRecall: ev === 0 ? 1 : evHit / ev,
    flagged: listed.size,
    malicious: mal,
  };
}

/** Scores a result with the simulator's own scorer (`warden eval analyze`), as a report. */
export function scoreWithSim(result: AnalysisResult, w: ReturnType<typeof buildWorld>): AnalyzeScore {
  const report = toReport(result, {
    generatedAt: '2024-01-01T00:00:00.000Z',
    events: { read: w.decoded.length, accepted: w.decoded.length, rejected: 0 },
  });
  return scoreAnalyzeReport(report as never, w.truthFile);
}
