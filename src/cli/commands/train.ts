import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { contentDataPath, DEFAULT_TRAIN_OPTIONS, generateCorpus, parseCorpus, serialiseCorpus, SHIPPED_CORPUS_PATH, SHIPPED_MODEL_PATH, trainClassifierFile } from '../../content/index.js';
import { UsageError } from '../cli-error.js';

/**
 * `warden train corpus` regenerates data/content/corpus.jsonl from the template families;
 * `warden train classifier` retrains data/content/model.bin from it. Both are deterministic:
 * run on an unchanged checkout they rewrite the files byte for byte.
 */
export function registerTrain(program: Command): void {
  const train = program.command('train').description('Rebuild the content classifier corpus and model');
  train
    .command('corpus')
    .description('Regenerate the labelled corpus from the template families in src/content/corpus')
    .option('--out <file>', 'where to write it', contentDataPath(SHIPPED_CORPUS_PATH))
    .action((opts: { out: string }) => {
      const corpus = generateCorpus();
      writeFileSync(opts.out, serialiseCorpus(corpus));
      process.stderr.write(`warden train corpus: ${corpus.length} examples -> ${opts.out}\n`);
    });
  train
    .command('classifier')
    .description('Train the classifier on the corpus train split, calibrate on its calibration split')
    .option('--corpus <file>', 'labelled corpus (JSONL)', contentDataPath(SHIPPED_CORPUS_PATH))
    .option('--out <file>', 'model file to write', contentDataPath(SHIPPED_MODEL_PATH))
    .option('--seed <n>', 'random seed', String(DEFAULT_TRAIN_OPTIONS.seed))
    .action((opts: { corpus: string; out: string; seed: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.corpus, 'utf8');
      } catch {
        throw new UsageError(`${opts.corpus}: cannot read the corpus; run \`warden train corpus\` first or give --corpus`);
      }
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed ${opts.seed}: must be an integer`);
      const corpus = parseCorpus(text, opts.corpus);
      const started = performance.now();
      const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
      const bytes = trainClassifierFile(
        corpus.filter((e) => e.split === 'train'),
        corpus.filter((e) => e.split === 'calibration'),
        { ...DEFAULT_TRAIN_OPTIONS, seed },
        { corpusSha256: digest },
      );
      writeFileSync(opts.out, bytes);
      process.stderr.write(`warden train classifier: ${bytes.length} bytes -> ${opts.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    });
}
