import { Command, CommanderError } from 'commander';
import { reportCliError } from './cli-error.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { commands } from './commands/index.js';

/**
 * Builds the `warden` program from the explicit command list. With `argv`, only the command it
 * names is loaded (none for `--version`); help and unknown commands (which get suggestions) load
 * them all.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('warden')
    .description('Find, investigate and shut out threat actors who abuse an AI service.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const named = argv?.find((a) => !a.startsWith('-'));
  const only = commands.find((c) => c.name === named);
  const versionOnly = named === undefined && argv?.some((a) => a === '-V' || a === '--version') === true;
  for (const entry of only ? [only] : versionOnly ? [] : commands) (await entry.load())(program);
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    return reportCliError(err);
  }
}
