import type { Command } from 'commander';
import { registerParse } from './parse.js';

/** Every CLI command registers itself here: one line per command. */
export const commands: ((program: Command) => void)[] = [
  registerParse,
];
