import type { Command } from 'commander';
import { exitState, UsageError } from '../exit.js';
import { listSink, runTask } from '../form-pipeline.js';
import { csvPreamble } from '../form-output.js';
import { Output } from '../output.js';
import { cliProfile } from '../profile.js';

const FORMATS = ['json', 'ndjson', 'csv'] as const;

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('解析已公开的自评表（文本导出、JSON、xlsx、PDF），输出交换格式 / parse published forms (text exports, JSON, xlsx, PDF) into the interchange format')
    .argument('<paths...>', '文件或目录 / files or directories')
    .option('-f, --format <format>', `输出格式 / output format: ${FORMATS.join('|')}`, 'json')
    .option('-p, --profile <id>', 'CSV 中重算列的地区口径 / profile for the recomputed CSV columns', 'national')
    .option('-o, --out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .action(async (paths: string[], opts: { format: string; profile: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`不支持的格式 ${opts.format}（可选 ${FORMATS.join('|')}）/ unknown format`);
      const out = new Output(opts.out);
      cliProfile(opts.profile);
      const csv = opts.format === 'csv';
      const sink = listSink(out, csv ? 'text' : (opts.format as 'json' | 'ndjson'), csv ? csvPreamble() : '');
      sink.open();
      const { failed } = await runTask(paths, csv ? { kind: 'parse', format: 'csv', profile: opts.profile } : { kind: 'parse' }, sink);
      sink.close();
      await out.close();
      if (failed) exitState.code = 2;
    });
}
