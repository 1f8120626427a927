import type { Command } from 'commander';
import { exitState, UsageError } from '../exit.js';
import { listSink, runTask } from '../form-pipeline.js';
import { Output } from '../output.js';

const FORMATS = ['json', 'ndjson'] as const;

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('解析已公开的自评表（文本导出、JSON），输出交换格式 / parse published forms into the interchange format')
    .argument('<paths...>', '文件或目录 / files or directories')
    .option('-f, --format <format>', `输出格式 / output format: ${FORMATS.join('|')}`, 'json')
    .option('-o, --out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .action(async (paths: string[], opts: { format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`不支持的格式 ${opts.format}（可选 ${FORMATS.join('|')}）/ unknown format`);
      const out = new Output(opts.out);
      const sink = listSink(out, opts.format as 'json' | 'ndjson');
      sink.open();
      const { failed } = await runTask(paths, { kind: 'parse' }, sink);
      sink.close();
      await out.close();
      if (failed) exitState.code = 2;
    });
}
