import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Command } from 'commander';
import { classifyLine, createClassifier, loadClassifierModel } from '../../content/index.js';
import { EXIT_OK } from '../exit-codes.js';
import { openInput, readLines } from './line-input.js';

/** Lines longer than this are reported as errors instead of read (a 1 MB prompt is still read). */
const MAX_LINE_BYTES = 8 * 1024 * 1024;

async function write(out: Writable, s: string): Promise<void> {
  if (!out.write(s)) await once(out, 'drain');
}

/** `warden classify PROMPTS.jsonl [--out RESULTS.jsonl]`: the batch contract's classify command. */
export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Tag prompts with LLM-themed TTPs and a calibrated malicious score (offline; see docs/content-analysis.md)')
    .argument('<prompts>', 'JSONL file of {"id", "text"} lines; .gz accepted; - for standard input')
    .option('--out <file>', 'write results here instead of standard output')
    .option('--model <file>', 'classifier model file (default: the shipped data/content/model.bin)')
    .action(async (prompts: string, opts: { out?: string; model?: string }) => {
      const input = openInput(prompts);
      const classifier = createClassifier(loadClassifierModel(opts.model));
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      const name = prompts === '-' ? 'stdin' : prompts;
      let read = 0;
      let rejected = 0;
      for await (const line of readLines(input, MAX_LINE_BYTES)) {
        read++;
        let rec: ReturnType<typeof classifyLine>;
        if (line.oversized || line.text === null) rec = { id: null, error: `line longer than ${MAX_LINE_BYTES} bytes; split the text or classify its start` };
        else if (line.text.trim() === '') rec = { id: null, error: 'empty line; each line must be one JSON object {"id": "...", "text": "..."}' };
        else rec = classifyLine(classifier, line.text);
        if ('error' in rec) {
          rejected++;
          process.stderr.write(`warden classify: ${name}:${line.lineNo}: ${rec.error}\n`);
        }
        await write(out, JSON.stringify(rec) + '\n');
      }
      if (opts.out) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`warden classify: ${read} lines read, ${read - rejected} classified, ${rejected} rejected\n`);
      process.exitCode = EXIT_OK;
    });
}
