import type { Command } from 'commander';
import { DB_HELP, dbTarget, describeDb, withCliStore } from './db-option.js';
import { rebuildSearch } from '../../store/search.js';
import { rebuildStats } from '../../store/stats.js';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('重建全文检索索引与统计汇总（SQLite 执行 VACUUM 之后须运行：VACUUM 可能重排 rowid）/ rebuild the search index and dashboard roll-ups (run after a SQLite VACUUM, which may renumber rowids)')
    .option('--db <target>', DB_HELP)
    .action(async (opts: { db?: string }) => {
      await withCliStore(opts.db, async (store) => {
        const t0 = performance.now();
        // one transaction: readers see the old index until the new one is complete
        await store.db.transaction().execute(async (trx) => {
          await rebuildSearch(trx);
          await rebuildStats(trx);
        });
        const n = Number((await store.db.selectFrom('forms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        process.stdout.write(`已重建 / rebuilt: ${n} 张表的检索索引与统计汇总，${((performance.now() - t0) / 1000).toFixed(1)} 秒（${describeDb(dbTarget(opts.db))}）\n`);
      });
    });
}
