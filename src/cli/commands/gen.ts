import { Option, type Command } from 'commander';
import { generate } from '../../formats/text/gen.js';
import { renderExport, type RatesInput } from '../../formats/text/render.js';
import { UsageError } from '../exit.js';
import { Output } from '../output.js';
import { progressBar } from '../progress.js';

const PRESETS = ['clean', 'default', 'heavy'] as const;
/** Forms per batch: output is written as it is made, so memory does not grow with --forms. */
const BATCH = 1000;
const MAX_FORMS = 1e9;

const EXAMPLES = `
示例 / examples:
  jixiao gen --forms 100 --seed 7 --out synth.txt --truth synth.json
  jixiao gen --forms 2000000 --seed 1 --rates heavy --out big.txt --truth big.json --meta big.ndjson
  jixiao gen -n 5 --rates clean          # 无损坏的导出到标准输出 / a clean export on stdout

--rates: clean 无任何导出损坏 / no artefacts; default 接近样本 / close to samples/; heavy 每种损坏都常见 / every artefact common.
--meta: 每表一行 JSON：所在行、注入的导出损坏 (artefacts) 与故意的数据缺陷 (quirks)
        one JSON line per form: its lines, the artefacts injected and the deliberate defects (quirks).`;

interface GenOpts {
  forms: string;
  seed: string;
  out?: string;
  truth?: string;
  meta?: string;
  rates: (typeof PRESETS)[number];
  quirks: boolean;
}

export function registerGen(program: Command): void {
  program
    .command('gen')
    .description('生成合成的自评表：带导出损坏的文本（同 samples/）及其真值 / generate synthetic forms as damaged text exports, with their truth')
    .option('-n, --forms <n>', '表的数量 / number of forms', '10')
    .option('-s, --seed <seed>', '随机种子，同一种子输出相同的字节 / seed: the same seed gives the same bytes', '1')
    .option('-o, --out <file>', '文本导出文件（默认标准输出）/ export text file (default stdout)')
    .option('-t, --truth <file>', '真值：交换格式的 JSON 数组 / truth: a JSON array in the interchange format')
    .option('-m, --meta <file>', '每表的注入记录 (NDJSON) / per-form record of what was injected (NDJSON)')
    .addOption(new Option('-r, --rates <preset>', '导出损坏的程度 / artefact rates').choices(PRESETS).default('default'))
    .option('--no-quirks', '不加入故意的数据缺陷（其中行不合计、缺偏差说明等）/ no deliberate data defects')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: GenOpts) => {
      if (!/^\d+$/.test(opts.forms) || Number(opts.forms) > MAX_FORMS)
        throw new UsageError(`--forms 须为 0 到 ${MAX_FORMS} 的整数：${opts.forms} / --forms must be a whole number`);
      const outputs = [opts.out, opts.truth, opts.meta].filter((p) => p !== undefined);
      if (outputs.filter((p) => p === '-').length + (opts.out === undefined ? 1 : 0) > 1)
        throw new UsageError('只有一个输出可写到标准输出 / only one output can go to stdout');
      if (new Set(outputs.filter((p) => p !== '-')).size < outputs.filter((p) => p !== '-').length)
        throw new UsageError('--out、--truth、--meta 须为不同的文件 / --out, --truth and --meta must be different files');
      await writeGenerated(Number(opts.forms), opts.seed, opts.rates, opts.quirks, opts);
    });
}

async function writeGenerated(n: number, seed: string, rates: RatesInput, quirks: boolean, files: { out?: string; truth?: string; meta?: string }): Promise<void> {
  const text = new Output(files.out);
  const truth = files.truth !== undefined ? new Output(files.truth) : null;
  const meta = files.meta !== undefined ? new Output(files.meta) : null;
  const bar = progressBar(n, 'forms');
  truth?.write('[');
  let lineNo = 0;
  for (let start = 0; start < n; start += BATCH) {
    const batch = generate({ count: Math.min(BATCH, n - start), seed, start, quirks });
    const rendered = renderExport(batch.map((g) => g.form), { seed, rates, start });
    text.write(rendered.text);
    for (let i = 0; i < batch.length; i++) {
      truth?.write((start + i === 0 ? '\n' : ',\n') + JSON.stringify(batch[i].form));
      if (meta) {
        const r = rendered.forms[i];
        meta.write(JSON.stringify({ index: r.index, firstLine: lineNo + r.firstLine + 1, lineCount: r.lineCount, artefacts: r.artefacts, quirks: batch[i].quirks }) + '\n');
      }
    }
    lineNo += rendered.lines.length;
    await text.flush();
    await truth?.flush();
    await meta?.flush();
    bar.update(start + batch.length);
  }
  bar.stop();
  truth?.write(n ? '\n]\n' : ']\n');
  await text.close();
  await truth?.close();
  await meta?.close();
}
