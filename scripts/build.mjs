// Bundles the CLI (dist/cli.mjs) and the library entry (dist/index.mjs), then links the bin so that
// `npx jixiao` and node_modules/.bin/jixiao work from the repo root. Runs on `npm install` (prepare).
import { build } from 'esbuild';
import { mkdirSync, symlinkSync, rmSync, existsSync, chmodSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: { cli: join(root, 'src/cli/main.ts'), index: join(root, 'src/index.ts'), worker: join(root, 'src/cli/worker.ts') },
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

const bin = join(root, 'bin/jixiao.mjs');
chmodSync(bin, 0o755);
const binDir = join(root, 'node_modules/.bin');
if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, 'jixiao');
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, bin), link);
}
