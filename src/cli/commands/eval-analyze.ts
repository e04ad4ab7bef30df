import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { z } from 'zod';
import { formatAnalyzeScore, reportSchema, scoreAnalyzeReport, truthSchema } from '../../sim/index.js';
import { UsageError } from '../cli-error.js';

interface EvalAnalyzeOptions {
  truth: string;
  intel: string[];
  json?: boolean;
  out?: string;
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`${path}: cannot read the ${what} (${(cause as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new UsageError(`${path}: the ${what} is not JSON (${(cause as Error).message})`);
  }
}

async function readChecked<T extends z.ZodType>(path: string, what: string, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(path, what));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: not a ${what}: ${issue?.path.join('.') || '(top level)'} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** Names and aliases of every intrusion-set in a STIX bundle (for alias-aware attribution scoring). */
function intrusionSetNames(bundle: unknown): string[][] {
  const objects = (bundle as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) return [];
  const out: string[][] = [];
  for (const o of objects as Record<string, unknown>[]) {
    if (o.type !== 'intrusion-set' || typeof o.name !== 'string') continue;
    const aliases = Array.isArray(o.aliases) ? o.aliases.filter((a): a is string => typeof a === 'string') : [];
    out.push([o.name, ...aliases]);
  }
  return out;
}

/** `warden eval analyze REPORT --truth TRUTH`: precision, recall, FPR, attribution against a simulated world. */
export function registerEvalAnalyze(evalCommand: Command): void {
  evalCommand
    .command('analyze')
    .description('Score a `warden analyze` report against the truth of a simulated world (warden simulate)')
    .argument('<report>', 'report JSON written by warden analyze')
    .requiredOption('--truth <file>', 'truth.json written by warden simulate')
    .option('--intel <bundle>', 'STIX bundle whose intrusion-set aliases also count as correct names (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--json', 'print the score as JSON instead of a table')
    .option('--out <file>', 'also write the score as JSON to this file')
    .action(async (reportPath: string, opts: EvalAnalyzeOptions) => {
      const truth = await readChecked(opts.truth, 'truth file (warden-sim-truth/1)', truthSchema);
      const report = await readChecked(reportPath, 'warden analyze report', reportSchema);
      const aliasSets: string[][] = [];
      for (const path of opts.intel) aliasSets.push(...intrusionSetNames(await readJson(path, 'STIX bundle')));
      const score = scoreAnalyzeReport(report, truth, aliasSets);
      const json = JSON.stringify(score, null, 2) + '\n';
      if (opts.out) await writeFile(opts.out, json);
      process.stdout.write(opts.json ? json : formatAnalyzeScore(score));
    });
}
