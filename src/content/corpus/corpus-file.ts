import { isTactic, isTtpId } from '../taxonomy.js';
import type { CorpusExample } from './family.js';

/** One example a line, fields in a fixed order, so the file diffs cleanly and regenerates byte for byte. */
export function serialiseCorpus(examples: readonly CorpusExample[]): string {
  return examples
    .map((e) => JSON.stringify({ id: e.id, text: e.text, lang: e.lang, family: e.family, kind: e.kind, malicious: e.malicious, ttp: e.ttp, tactic: e.tactic, split: e.split }))
    .join('\n')
    .concat('\n');
}

/** Parses data/content/corpus.jsonl, checking every label; errors name the line. */
export function parseCorpus(text: string, source = 'corpus.jsonl'): CorpusExample[] {
  const out: CorpusExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new Error(`${where}: not JSON (${(err as Error).message})`, { cause: err });
    }
    const e = v as Partial<CorpusExample>;
    if (typeof e.id !== 'string' || typeof e.text !== 'string' || typeof e.family !== 'string' || typeof e.lang !== 'string') throw new Error(`${where}: id, text, lang and family must be strings`);
    if (e.malicious !== 0 && e.malicious !== 1) throw new Error(`${where}: malicious must be 0 or 1`);
    if (e.ttp !== null && !isTtpId(e.ttp)) throw new Error(`${where}: unknown ttp ${JSON.stringify(e.ttp)}`);
    if (e.tactic !== null && !isTactic(e.tactic)) throw new Error(`${where}: unknown tactic ${JSON.stringify(e.tactic)}`);
    if (e.split !== 'train' && e.split !== 'calibration' && e.split !== 'development') throw new Error(`${where}: split must be train, calibration or development`);
    if (e.kind !== 'malicious' && e.kind !== 'benign' && e.kind !== 'hard-negative') throw new Error(`${where}: unknown kind`);
    out.push(e as CorpusExample);
  });
  return out;
}
