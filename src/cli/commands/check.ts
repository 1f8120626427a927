import type { Command } from 'commander';
import type { Locale } from '../../checks/finding.js';
import { exitState, UsageError } from '../exit.js';
import { listSink, runTask } from '../form-pipeline.js';
import { Output } from '../output.js';
import { cliProfile } from '../profile.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('按规则目录校验自评表（rules.md §6.1），有错误时退出码为 1 / check forms against the rule catalogue; exit 1 on any error')
    .argument('<paths...>', '文件或目录 / files or directories')
    .option('-f, --format <format>', '输出格式 / output format: text|json', 'text')
    .option('-p, --profile <id>', '地区口径 / jurisdiction profile (national, hubei, hebei, jiangxi …)', 'national')
    .option('-l, --lang <locale>', '消息语言 / message language: zh-CN|en', 'zh-CN')
    .option('-o, --out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .action(async (paths: string[], opts: { format: string; profile: string; lang: string; out?: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`不支持的格式 ${opts.format}（可选 text|json）`);
      if (opts.lang !== 'zh-CN' && opts.lang !== 'en') throw new UsageError(`不支持的语言 ${opts.lang}（可选 zh-CN|en）`);
      cliProfile(opts.profile);
      const locale = opts.lang as Locale;
      const out = new Output(opts.out);
      const sink = listSink(out, opts.format === 'json' ? 'json' : 'text');
      sink.open();
      const { counts, failed } = await runTask(paths, { kind: 'check', format: opts.format, profile: opts.profile, locale }, sink);
      sink.close();
      if (opts.format === 'text')
        out.write(locale === 'en'
          ? `\n${counts.forms} forms: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes\n`
          : `\n共 ${counts.forms} 张表：错误 ${counts.error} 条，警告 ${counts.warning} 条，提示 ${counts.info} 条\n`);
      await out.close();
      exitState.code = failed ? 2 : counts.error > 0 ? 1 : 0;
    });
}
