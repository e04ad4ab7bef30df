import type { Command } from 'commander';
import { registerClassify } from './classify.js';
import { registerTrain } from './train.js';

/** A command adds itself to the program; the list below is the whole CLI, in help order. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerClassify,
  registerTrain,
];
