import type { Classification } from './classifier.js';
import { createFeatureSet } from './features.js';
import type { TextClassifier } from './classifier.js';

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

/**
 * Turns one input line (already split, without its newline) into an output record. Pure: the
 * caller reports errors on stderr with the file and line number.
 */
export function classifyLine(classifier: TextClassifier, line: string): ClassifyRecord | ClassifyErrorRecord {
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
  const rec = toClassifyRecord(id, classifier.classify(obj.text));
  if (id === null) rec.warning = 'line has no "id"; the output keeps its position';
  return rec;
}

/** Re-exported so drivers can size buffers without importing features directly. */
export { createFeatureSet };
