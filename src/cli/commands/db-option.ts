import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB, isPostgresUrl, openStore, type Store } from '../../store/db.js';

export const DB_HELP = `数据库：SQLite 文件路径或 postgres:// URL（默认 $DATABASE_URL 或 ${DEFAULT_DB}）/ SQLite file or postgres:// URL`;

export const dbTarget = (opt?: string): string => opt ?? process.env.DATABASE_URL ?? DEFAULT_DB;

/** Opens the command's store, runs `fn` with it, and closes it whatever happens. */
export async function withCliStore<T>(opt: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dbTarget(opt));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const describeDb = (target: string) => (isPostgresUrl(target) ? 'PostgreSQL' : `SQLite ${resolve(target)}`);

/** The package root (holds samples/ and dist/), from the bundle (dist/cli.mjs) or the sources. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Files under the given paths (directories expanded, sorted), keeping only import formats. */
export function collectFiles(paths: string[], exts = /\.(txt|tsv|csv|json)$/i): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) {
      const q = join(p, name);
      if (statSync(q).isDirectory() || exts.test(name)) walk(q);
    }
    else out.push(p);
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new Error(`找不到文件 ${p} / no such file`);
    walk(p);
  }
  return out;
}
