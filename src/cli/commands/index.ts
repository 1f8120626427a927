import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerExport } from './export.js';
import { registerParse } from './parse.js';
import { registerScore } from './score.js';
import { registerServe } from './serve.js';
import { registerImport } from './import.js';
import { registerUser } from './user.js';
import { registerBackup } from './backup.js';
import { registerGen } from './gen.js';
import { registerReindex } from './reindex.js';

/** Every CLI command registers itself here: one line per command. */
export const commands: ((program: Command) => void)[] = [
  registerParse,
  registerCheck,
  registerScore,
  registerServe,
  registerImport,
  registerUser,
  registerBackup,
  registerReindex,
  registerGen,
  registerExport,
];
