import type { DecodedEvent } from '../events/index.js';
import { Analysis, type PipelineDeps } from './analysis.js';
import type { AnalysisResult } from './evaluate.js';

/**
 * One-shot analysis of a batch: folds every event in and evaluates once. Use {@link Analysis}
 * directly to fold events in over time (live server, incremental re-hunts).
 * @example const result = analyzeEvents(decoded, { profiles: loadActorProfiles() });
 */
export function analyzeEvents(events: Iterable<DecodedEvent>, deps: PipelineDeps = {}): AnalysisResult {
  const an = new Analysis(deps);
  for (const d of events) an.add(d);
  return an.evaluate();
}
