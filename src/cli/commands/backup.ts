import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError, exitState } from '../exit.js';
import { DB_HELP, dbTarget } from './db-option.js';
import { isPostgresUrl, openStore } from '../../store/db.js';

export const PG_DUMP_GUIDANCE = `PostgreSQL 数据库请用 pg_dump 备份 / back up PostgreSQL with pg_dump:
  pg_dump --format=custom --file=jixiao.dump "$DATABASE_URL"
恢复 / restore:
  pg_restore --clean --if-exists --dbname="$DATABASE_URL" jixiao.dump
pg_dump 在一个快照中读取，得到一致的副本，服务不必停止。/ pg_dump reads one snapshot: consistent while the server runs.
`;

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('备份数据库（SQLite 在线备份；PostgreSQL 给出 pg_dump 用法）/ write a consistent copy of the database')
    .requiredOption('-o, --out <file>', '备份文件 / output file')
    .option('--db <target>', DB_HELP)
    .action(async (opts: { out: string; db?: string }) => {
      const target = dbTarget(opts.db);
      if (isPostgresUrl(target)) {
        process.stdout.write(PG_DUMP_GUIDANCE);
        exitState.code = 1;
        return;
      }
      if (!existsSync(target)) throw new UsageError(`找不到数据库 ${target} / no such database`);
      const out = resolve(opts.out);
      if (out === resolve(target)) throw new UsageError('备份文件不能是数据库本身 / the copy must be another file');
      const store = await openStore(target, { migrate: false });
      try {
        // the online backup API copies a consistent snapshot while other connections keep writing
        const r = await store.sqlite!.backup(out);
        process.stdout.write(`已备份 / backed up ${r.totalPages} 页 → ${out}\n`);
      } finally {
        await store.close();
      }
    });
}
