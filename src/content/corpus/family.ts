import type { Tactic, TtpId } from '../taxonomy.js';

/** Why a corpus example is in the corpus: the label the score head learns. */
export type ExampleKind = 'malicious' | 'benign' | 'hard-negative';

/**
 * A template family: phrasings of one kind of request with `{slot}` placeholders. The family is
 * the unit of the train/calibration/development split, so near-copies never straddle it.
 * A family with no placeholders is a list of hand-written examples.
 */
export interface Family {
  id: string;
  lang: string;
  kind: ExampleKind;
  ttp: TtpId | null;
  tactic: Tactic | null;
  templates: readonly string[];
  /** Family-specific slot values; shared pools in slots.ts fill the rest. */
  slots?: Readonly<Record<string, readonly string[]>>;
  /** How many examples to draw; defaults to the generator's per-family count. */
  count?: number;
}

/** One labelled line of data/content/corpus.jsonl. */
export interface CorpusExample {
  id: string;
  text: string;
  lang: string;
  family: string;
  kind: ExampleKind;
  /** 1 when the text asks for help with a malicious cyber operation. */
  malicious: 0 | 1;
  ttp: TtpId | null;
  tactic: Tactic | null;
  split: 'train' | 'calibration' | 'development';
}

/** Shorthand used by the family tables: family(id, lang, kind, ttp, tactic, templates). */
export function family(
  id: string,
  lang: string,
  kind: ExampleKind,
  ttp: TtpId | null,
  tactic: Tactic | null,
  templates: readonly string[],
  extra: { slots?: Record<string, readonly string[]>; count?: number } = {},
): Family {
  return { id, lang, kind, ttp, tactic, templates, ...extra };
}
