// Bundles the CLI (dist/cli.mjs) and the library entry (dist/index.mjs), then links the bin so that
// `npx jixiao` and node_modules/.bin/jixiao work from the repo root. Runs on `npm install` (prepare).
import { build } from 'esbuild';
import { mkdirSync, symlinkSync, rmSync, existsSync, chmodSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// stale chunks from earlier builds would linger beside the new ones
rmSync(join(root, 'dist/chunks'), { recursive: true, force: true });
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

// The web app (web/ → dist/web, served by `jixiao serve`): only when a source is newer than the
// last build, so `npm install` / `npm test` stay fast; skipped when vite (a devDependency) is absent.
{
  const { readdirSync, statSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const index = join(root, 'dist/web/index.html');
  const newest = (dir) => {
    let t = 0;
    if (!existsSync(dir)) return t;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return t;
  };
  if (!existsSync(join(root, 'web/index.html'))) {
    // no web sources in this package
  } else if (!existsSync(vite)) {
    console.warn('jixiao build: vite is not installed, web app not built (dist/web)');
  } else {
    const built = existsSync(index) ? statSync(index).mtimeMs : 0;
    const sources = ['web', 'src/model', 'src/scoring', 'src/checks'].map((d) => newest(join(root, d)));
    if (Math.max(...sources, statSync(join(root, 'vite.config.ts')).mtimeMs) > built) {
      const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) console.warn(`jixiao build: vite build failed (exit ${r.status}); the server will show its landing page instead of the web app`);
    }
  }
}
