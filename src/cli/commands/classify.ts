import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Command } from 'commander';
import { undiciPostJson } from '../../content-review/chat-client.js';
import {
  contentDataPath, createClassifier, createSecondStage, DEFAULT_SECOND_STAGE, loadClassifierModel, parsePromptLine, SHIPPED_POLICY_PATH, toClassifyRecord, withReview,
  type ClassifyErrorRecord, type ClassifyRecord, type SecondStage, type TextClassifier,
} from '../../content/index.js';
import { UsageError } from '../cli-error.js';
import { EXIT_OK } from '../exit-codes.js';
import { openInput, readLines } from './line-input.js';

/** Lines longer than this are reported as errors instead of read (a 1 MB prompt is still read). */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

interface ClassifyOptions {
  out?: string;
  model?: string;
  secondStage?: string;
  secondStageModel: string;
  policy: string;
  band: string;
  secondStageTimeoutMs: string;
  secondStageApiKeyFile?: string;
}

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

function buildSecondStage(opts: ClassifyOptions): SecondStage | null {
  if (!opts.secondStage) return null;
  const band = opts.band.split(',').map(Number);
  if (band.length !== 2 || band.some((x) => !(x >= 0 && x <= 1)) || (band[0] as number) > (band[1] as number)) throw new UsageError(`--band ${opts.band}: give two scores LOW,HIGH in [0, 1], e.g. 0.3,0.8`);
  const timeoutMs = Number(opts.secondStageTimeoutMs);
  if (!(timeoutMs > 0)) throw new UsageError(`--second-stage-timeout-ms ${opts.secondStageTimeoutMs}: must be a positive number`);
  if (!existsSync(opts.policy)) throw new UsageError(`${opts.policy}: policy file not found`);
  const apiKey = opts.secondStageApiKeyFile ? readFileSync(opts.secondStageApiKeyFile, 'utf8').trim() : undefined;
  return createSecondStage(
    { ...DEFAULT_SECOND_STAGE, endpoint: opts.secondStage, model: opts.secondStageModel, policy: readFileSync(opts.policy, 'utf8'), band: [band[0] as number, band[1] as number], timeoutMs, ...(apiKey ? { apiKey } : {}) },
    { post: undiciPostJson(), now: () => performance.now() },
  );
}

async function classifyOne(classifier: TextClassifier, secondStage: SecondStage | null, line: string): Promise<ClassifyRecord | ClassifyErrorRecord> {
  const parsed = parsePromptLine(line);
  if ('error' in parsed) return parsed;
  const first = classifier.classify(parsed.text);
  let rec = toClassifyRecord(parsed.id, first);
  if (secondStage) rec = withReview(rec, await secondStage.review(parsed.text, first));
  if (parsed.id === null) rec.warning = 'line has no "id"; the output keeps its position';
  return rec;
}

/** `warden classify PROMPTS.jsonl [--out RESULTS.jsonl]`: the batch contract's classify command. */
export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Tag prompts with LLM-themed TTPs and a calibrated malicious score (offline; see docs/content-analysis.md)')
    .argument('<prompts>', 'JSONL file of {"id", "text"} lines; .gz accepted; - for standard input')
    .option('--out <file>', 'write results here instead of standard output')
    .option('--model <file>', 'classifier model file (default: the shipped data/content/model.bin)')
    .option('--second-stage <url>', 'OpenAI-compatible API base URL of a safety model to review uncertain scores, e.g. http://127.0.0.1:8000/v1')
    .option('--second-stage-model <name>', 'model name to ask', 'gpt-oss-safeguard-20b')
    .option('--policy <file>', 'policy given to the second stage', contentDataPath(SHIPPED_POLICY_PATH))
    .option('--band <low,high>', 'first-stage scores reviewed by the second stage', DEFAULT_SECOND_STAGE.band.join(','))
    .option('--second-stage-timeout-ms <ms>', 'per-request timeout', String(DEFAULT_SECOND_STAGE.timeoutMs))
    .option('--second-stage-api-key-file <file>', 'file holding a bearer token for the second stage')
    .action(async (prompts: string, opts: ClassifyOptions) => {
      const input = openInput(prompts);
      const secondStage = buildSecondStage(opts);
      const classifier = createClassifier(loadClassifierModel(opts.model));
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      const name = prompts === '-' ? 'stdin' : prompts;
      let read = 0;
      let rejected = 0;
      let reviewed = 0;
      for await (const line of readLines(input, MAX_LINE_BYTES)) {
        read++;
        let rec: ClassifyRecord | ClassifyErrorRecord;
        if (line.oversized || line.text === null) rec = { id: null, error: `line longer than ${MAX_LINE_BYTES} bytes; split the text or classify its start` };
        else if (line.text.trim() === '') rec = { id: null, error: 'empty line; each line must be one JSON object {"id": "...", "text": "..."}' };
        else rec = await classifyOne(classifier, secondStage, line.text);
        if ('error' in rec) {
          rejected++;
          // Errors name the file and line; prompt text never goes to the log.
          process.stderr.write(`warden classify: ${name}:${line.lineNo}: ${rec.error}\n`);
        } else if (rec.stage === 'second-stage') reviewed++;
        await write(out, JSON.stringify(rec) + '\n');
      }
      if (opts.out) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`warden classify: ${read} lines read, ${read - rejected} classified, ${rejected} rejected${secondStage ? `, ${reviewed} decided by the second stage` : ''}\n`);
      process.exitCode = EXIT_OK;
    });
}
