import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerExport } from './export.js';
import { registerGen } from './gen.js';
import { registerParse } from './parse.js';
import { registerScore } from './score.js';

/** Every CLI command registers itself here: one line per command. */
export const commands: ((program: Command) => void)[] = [
  registerParse,
  registerCheck,
  registerScore,
  registerGen,
  registerExport,
];
