import { readFileSync } from 'node:fs';
import { dataPath } from '../util/package-root.js';
import type { ClassifierModel } from './model.js';
import { decodeModel } from './model-file.js';

/**
 * The one place in `content/` that touches the disk: where the shipped model lives and how to
 * read it. Drivers (CLI, server, workers) call this once at start-up and pass the model to the
 * pure functions; nothing in the detection path reads files.
 */
export const SHIPPED_MODEL_PATH = ['content', 'model.bin'] as const;
export const SHIPPED_CORPUS_PATH = ['content', 'corpus.jsonl'] as const;
export const SHIPPED_POLICY_PATH = ['content', 'second-stage-policy.md'] as const;

/** Absolute path of a shipped content file. */
export function contentDataPath(parts: readonly string[]): string {
  return dataPath(...parts);
}

/** Reads and decodes the shipped model (or the model at `path`). Throws when missing or corrupt. */
export function loadClassifierModel(path: string = contentDataPath(SHIPPED_MODEL_PATH)): ClassifierModel {
  return decodeModel(readFileSync(path));
}
