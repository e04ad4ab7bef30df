import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { contentDataPath, createClassifier, evaluateClassifier, formatReport, harmBenchCyber, humanEval, jailbreakBenchBenign, jailbreakBenchMalware, loadClassifierModel, parseCorpus, SHIPPED_CORPUS_PATH, xstestSafe, type ExternalSet } from '../../content/index.js';
import { packageRoot } from '../../util/package-root.js';
import { UsageError } from '../cli-error.js';

/** Default place of the read-only public data sets: ../shared/data beside the checkout. */
export function defaultSharedDataDir(): string {
  return resolve(packageRoot(), '..', 'shared', 'data');
}

/**
 * Reads the external evaluation sets from the shared data folder. Throws a UsageError naming the
 * folder and the file when one is missing, so a missing folder never passes silently.
 */
export function loadExternalSets(dir: string): ExternalSet[] {
  const read = (...parts: string[]): string => {
    const p = join(dir, ...parts);
    if (!existsSync(p)) throw new UsageError(`${p}: missing; the external evaluation sets live in ../shared/data (give --shared-data DIR, or --no-external)`);
    return readFileSync(p, 'utf8');
  };
  const humanEvalPath = join(dir, 'humaneval', 'HumanEval.jsonl.gz');
  if (!existsSync(humanEvalPath)) throw new UsageError(`${humanEvalPath}: missing`);
  return [
    xstestSafe(read('xstest', 'xstest_prompts.csv')),
    jailbreakBenchBenign(read('jailbreakbench', 'benign-behaviors.csv')),
    humanEval(gunzipSync(readFileSync(humanEvalPath)).toString('utf8')),
    harmBenchCyber(read('harmbench', 'harmbench_behaviors_text_all.csv')),
    jailbreakBenchMalware(read('jailbreakbench', 'harmful-behaviors.from-artifacts.csv')),
  ];
}

/** `warden eval classify`: development-split quality, keyword baseline and external sets. */
export function registerEvalClassify(evalCommand: Command): void {
  evalCommand
    .command('classify')
    .description('Evaluate the content classifier on the development split and external sets')
    .option('--corpus <file>', 'labelled corpus (JSONL)', contentDataPath(SHIPPED_CORPUS_PATH))
    .option('--model <file>', 'model file (default: the shipped data/content/model.bin)')
    .option('--shared-data <dir>', 'folder with the public data sets', defaultSharedDataDir())
    .option('--no-external', 'skip the external sets')
    .option('--json <file>', 'also write the report as JSON')
    .action((opts: { corpus: string; model?: string; sharedData: string; external: boolean; json?: string }) => {
      if (!existsSync(opts.corpus)) throw new UsageError(`${opts.corpus}: corpus not found`);
      const corpus = parseCorpus(readFileSync(opts.corpus, 'utf8'), opts.corpus);
      const development = corpus.filter((e) => e.split === 'development');
      const external = opts.external ? loadExternalSets(opts.sharedData) : [];
      const report = evaluateClassifier(createClassifier(loadClassifierModel(opts.model)), development, external);
      process.stdout.write(formatReport(report) + '\n');
      if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2) + '\n');
    });
}
