/** Builds the web app (vite build → dist/web) when a source under web/ is newer than dist/web/index.html. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = join(ROOT, 'dist', 'web');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function webIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  // the browser also bundles the shared model/scoring/checks code
  const sources = [join(ROOT, 'web'), join(ROOT, 'src', 'model'), join(ROOT, 'src', 'scoring'), join(ROOT, 'src', 'checks')];
  return sources.some((d) => existsSync(d) && newest(d) > built) || statSync(join(ROOT, 'vite.config.ts')).mtimeMs > built;
}

export function buildWebIfStale(): void {
  if (!webIsStale()) return;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status})`);
}
