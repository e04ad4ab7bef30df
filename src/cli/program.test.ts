import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';
import { commands } from './commands/index.js';

describe('buildProgram', () => {
  it('names each lazily loaded command as the command its module registers', async () => {
    for (const entry of commands) {
      const program = await buildProgram([entry.name, '--help']);
      expect(program.commands.map((c) => c.name())).toEqual([entry.name]);
    }
  });

  it('loads every command for help and for an unknown command', async () => {
    const all = commands.map((c) => c.name);
    expect((await buildProgram(['--help'])).commands.map((c) => c.name())).toEqual(all);
    expect((await buildProgram(['migrat'])).commands.map((c) => c.name())).toEqual(all);
  });
});
