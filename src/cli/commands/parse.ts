import type { Command } from 'commander';
import { exitState, UsageError } from '../exit.js';
import { Output } from '../output.js';
import { readForms, reportFileDiagnostics } from '../read-forms.js';

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
      let n = 0;
      if (opts.format === 'json') out.write('[');
      const failed = await readForms(paths, {
        form: async (form) => {
          const json = JSON.stringify(form);
          if (opts.format === 'json') out.write(n === 0 ? '\n' + json : ',\n' + json);
          else out.write(json + '\n');
          n++;
          if (out.pending > 1 << 20) await out.flush();
        },
        fileDiagnostics: reportFileDiagnostics,
      });
      if (opts.format === 'json') out.write(n ? '\n]\n' : ']\n');
      await out.close();
      if (failed) exitState.code = 2;
    });
}
