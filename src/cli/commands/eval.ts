import type { Command } from 'commander';
import { registerEvalAnalyze } from './eval-analyze.js';
import { registerEvalClassify } from './eval-classify.js';

/**
 * `warden eval <what>`: evaluation commands. Each subcommand adds itself to the parent from the
 * explicit list below; another engineer's subcommand (e.g. `eval analyze`) is one more entry.
 */
export type RegisterEvalSubcommand = (evalCommand: Command) => void;

export const evalSubcommands: RegisterEvalSubcommand[] = [registerEvalClassify, registerEvalAnalyze];

/** Registers `warden eval` with every subcommand of `evalSubcommands`. */
export function registerEval(program: Command): void {
  const evalCommand = program.command('eval').description('Measure detection quality on held-out data');
  for (const register of evalSubcommands) register(evalCommand);
}
