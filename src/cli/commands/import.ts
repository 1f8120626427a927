import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { UsageError, exitState } from '../exit.js';
import { DB_HELP, collectFiles, dbTarget, describeDb, withCliStore } from './db-option.js';
import { commitImport, previewImport, type ImportSource } from '../../store/imports-repo.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { afterBulkWrite } from '../../store/db.js';
import type { FormStatus } from '../../store/schema.js';

const STATUSES: FormStatus[] = ['draft', 'dept_review', 'finance_review', 'published'];

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('导入自评表（文本导出、JSON）到数据库：一次事务，重复内容不再导入 / import forms into the database in one transaction')
    .argument('<paths...>', '文件或目录 / files or directories')
    .option('--db <target>', DB_HELP)
    .option('--status <status>', `导入后的状态 / status of imported forms: ${STATUSES.join('|')}`, 'published')
    .option('--dry-run', '只预览，不写入 / preview only')
    .action(async (paths: string[], opts: { db?: string; status: string; dryRun?: boolean }) => {
      if (!STATUSES.includes(opts.status as FormStatus)) throw new UsageError(`未知状态 ${opts.status} / unknown status`);
      const files = collectFiles(paths);
      if (!files.length) throw new UsageError('没有可导入的文件 / no files to import');
      const sources: ImportSource[] = files.map((f) => ({ name: basename(f), content: new Uint8Array(readFileSync(f)) }));
      const started = performance.now();
      const err = process.stderr;
      await withCliStore(opts.db, async (store) => {
        if (opts.dryRun) {
          const p = await previewImport(store.db, { actor: SYSTEM, role: null, orgId: null }, sources);
          process.stdout.write(
            `预览 / preview: ${files.length} 个文件, ${p.counts.forms} 张表: 新建 ${p.counts.create}, 重复 ${p.counts.duplicate}, 无法读取 ${p.counts.invalid}; ` +
              `新建单位 ${p.orgs.create.length}, 匹配单位 ${p.orgs.match.length}\n`,
          );
          return;
        }
        const bar = err.isTTY ? new cliProgress.SingleBar({ stream: err, format: '导入 {bar} {value}/{total} 张 | {eta}s', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
        const lines = !err.isTTY && process.env.JIXIAO_PROGRESS === 'lines';
        let started2 = false;
        const res = await commitImport(store.db, { actor: SYSTEM, role: null, orgId: null }, sources, {
          status: opts.status as FormStatus,
          onProgress: (done, total) => {
            if (bar) {
              if (!started2) { bar.start(total ?? done, 0); started2 = true; }
              bar.update(done);
            } else if (lines) err.write(`progress ${done}/${total ?? "?"}\n`);
          },
        });
        bar?.stop();
        // fold a big import's WAL back into the file now (not on the server's first write); fresh planner stats
        await afterBulkWrite(store);
        const secs = (performance.now() - started) / 1000;
        const total = res.created.length + res.duplicates + res.invalid + res.forbidden;
        process.stdout.write(
          `导入完成 / imported into ${describeDb(dbTarget(opts.db))}: ${files.length} 个文件, ${total} 张表; ` +
            `新建 ${res.created.length}, 重复跳过 ${res.duplicates}, 无法读取 ${res.invalid}; 新建单位 ${res.orgsCreated}; ` +
            `${secs.toFixed(1)} s (${(res.created.length / Math.max(secs, 1e-3)).toFixed(0)} 张/s)\n`,
        );
        for (const r of res.rejected) err.write(`jixiao: 无法读取 ${r.source} 第 ${r.index + 1} 张 / unreadable form ${r.index + 1} of ${r.source}：${r.reason}\n`);
        if (res.invalid > res.rejected.length) err.write(`jixiao: 另有 ${res.invalid - res.rejected.length} 张无法读取 / and ${res.invalid - res.rejected.length} more unreadable\n`);
        if (res.invalid) exitState.code = 1;
      });
    });
}
