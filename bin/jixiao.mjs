#!/usr/bin/env node
// The jixiao CLI. The code lives in dist/cli.mjs, built from src/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(dist)) {
  console.error('jixiao: dist/cli.mjs 不存在，请先运行 npm install 或 npm run build (not built yet: run npm install or npm run build)');
  process.exit(2);
}
const { main } = await import(dist);
process.exitCode = await main(process.argv.slice(2));
