import type { Command } from 'commander';
import { exitState, UsageError } from '../exit.js';
import { listSink, runTask } from '../form-pipeline.js';
import { Output } from '../output.js';
import { cliProfile } from '../profile.js';

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('印刷值与按规则重算值对照（执行率、执行得分、指标建议分、总分、等级）/ printed vs recomputed numbers side by side')
    .argument('<paths...>', '文件或目录 / files or directories')
    .option('-f, --format <format>', '输出格式 / output format: text|json', 'text')
    .option('-p, --profile <id>', '地区口径 / jurisdiction profile', 'national')
    .option('-o, --out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .action(async (paths: string[], opts: { format: string; profile: string; out?: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`不支持的格式 ${opts.format}（可选 text|json）`);
      cliProfile(opts.profile);
      const out = new Output(opts.out);
      const sink = listSink(out, opts.format === 'json' ? 'json' : 'text');
      sink.open();
      const { failed } = await runTask(paths, { kind: 'score', format: opts.format, profile: opts.profile }, sink);
      sink.close();
      await out.close();
      if (failed) exitState.code = 2;
    });
}
