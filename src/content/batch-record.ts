import type { Classification } from './classifier.js';
import type { TextClassifier } from './classifier.js';
import type { Review } from './second-stage/reviewer.js';

/** One output line of `warden classify` (../shared/spec/batch-contract.md), plus added fields. */
export interface ClassifyRecord {
  id: string | null;
  score: number;
  ttp: string | null;
  tactic: string | null;
  ttp_probability: number;
  tactic_probability: number;
  ttp_alternatives: { ttp: string | null; probability: number }[];
  language: string;
  explanation: { phrase: string; weight: number }[];
  /** Which stage decided the score: the built-in model, or the second-stage reviewer. */
  stage: 'model' | 'second-stage';
  truncated?: true;
  classified_chars?: number;
  warning?: string;
  /** Present when the second stage was configured. */
  first_stage_score?: number;
  injection_suspected?: boolean;
  second_stage?: { verdict: string; confidence: number | null; model: string; cached: boolean; latency_ms: number; reason?: string };
  second_stage_skipped?: string;
}

/** An input line that could not be classified: keeps its place in the output. */
export interface ClassifyErrorRecord {
  id: string | null;
  error: string;
}

/** Maps a classification to the contract's snake_case output line. */
export function toClassifyRecord(id: string | null, c: Classification): ClassifyRecord {
  const rec: ClassifyRecord = {
    id,
    score: c.score,
    ttp: c.ttp,
    tactic: c.tactic,
    ttp_probability: c.ttpProbability,
    tactic_probability: c.tacticProbability,
    ttp_alternatives: c.ttpAlternatives,
    language: c.language,
    explanation: c.explanation,
    stage: 'model',
  };
  if (c.truncated) {
    rec.truncated = true;
    rec.classified_chars = c.classifiedChars;
  }
  return rec;
}

/** Reads one input line of `warden classify`: the id and text, or the error record that takes its place. */
export function parsePromptLine(line: string): { id: string | null; text: string } | ClassifyErrorRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { id: null, error: `not valid JSON (${(err as Error).message}); each line must be one JSON object {"id": "...", "text": "..."}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: 'line is not a JSON object; expected {"id": "...", "text": "..."}' };
  const obj = value as Record<string, unknown>;
  const rawId = obj.id;
  const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' ? String(rawId) : null;
  if (typeof obj.text !== 'string') return { id, error: '"text" is missing or not a string; add the prompt text as a string' };
  return { id, text: obj.text };
}

/**
 * Turns one input line (already split, without its newline) into an output record. Pure: the
 * caller reports errors on stderr with the file and line number.
 */
export function classifyLine(classifier: TextClassifier, line: string): ClassifyRecord | ClassifyErrorRecord {
  const parsed = parsePromptLine(line);
  if ('error' in parsed) return parsed;
  const rec = toClassifyRecord(parsed.id, classifier.classify(parsed.text));
  if (parsed.id === null) rec.warning = 'line has no "id"; the output keeps its position';
  return rec;
}

/** Adds the second stage's review to a record: the final score, who decided, and why. */
export function withReview(rec: ClassifyRecord, review: Review): ClassifyRecord {
  const out: ClassifyRecord = { ...rec, score: review.score, stage: review.stage, first_stage_score: review.firstStageScore, injection_suspected: review.injectionSuspected };
  if (review.secondStage) {
    out.second_stage = {
      verdict: review.secondStage.verdict,
      confidence: review.secondStage.confidence,
      model: review.secondStage.model,
      cached: review.secondStage.cached,
      latency_ms: review.secondStage.latencyMs,
      ...(review.secondStage.reason ? { reason: review.secondStage.reason } : {}),
    };
  }
  if (review.skipped && review.skipped !== 'outside-band') out.second_stage_skipped = review.skipped;
  return out;
}
