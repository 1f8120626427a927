import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeCsv } from '../../formats/csv/write.js';
import { writeJsonl } from '../../formats/jsonl/write.js';
import { readAny } from '../../formats/registry.js';
import { toInterchange, type Form } from '../../model/form.js';
import { exitState, UsageError } from '../exit.js';
import { cliProfile } from '../profile.js';
import { reportFileDiagnostics } from '../form-pipeline.js';
import { describeFsError, expandInputs } from '../inputs.js';

const FORMATS = ['xlsx', 'pdf', 'csv', 'jsonl'] as const;
type ExportFormat = (typeof FORMATS)[number];

interface ExportOptions {
  format: string;
  out?: string;
  perForm?: boolean;
  profile: string;
}

/** A file name from a project name: no path separators or characters Windows rejects. */
export function fileNameFor(form: Form, index: number): string {
  const base = (form.projectName ?? '').replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 60);
  return `${String(index + 1).padStart(3, '0')}${base ? '-' + base : ''}`;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      '导出自评表：xlsx/pdf 为官方表样（每表一个工作表或分页），csv/jsonl 为开放数据（表单表与指标表）/ export forms: official layout as xlsx or pdf, open data as csv or jsonl',
    )
    .argument('<paths...>', '文件或目录（文本导出、JSON、xlsx、pdf）/ files or directories')
    .requiredOption('-f, --format <format>', `输出格式 / output format: ${FORMATS.join('|')}`)
    .option(
      '-o, --out <path>',
      'xlsx/pdf：输出文件（默认 forms.xlsx / forms.pdf）；--per-form 或 csv/jsonl：输出目录（默认当前目录）/ output file, or directory for --per-form, csv and jsonl',
    )
    .option('--per-form', 'xlsx/pdf：每个表单一个文件 / one file per form')
    .option('-p, --profile <id>', '重算所用地区口径（csv/jsonl）/ scoring profile for recomputed columns', 'national')
    .action(async (paths: string[], opts: ExportOptions) => {
      if (!(FORMATS as readonly string[]).includes(opts.format))
        throw new UsageError(`不支持的格式 ${opts.format}（可选 ${FORMATS.join('|')}）/ unknown format`);
      const format = opts.format as ExportFormat;
      if (opts.perForm && (format === 'csv' || format === 'jsonl')) throw new UsageError('--per-form 只用于 xlsx 和 pdf / --per-form is for xlsx and pdf');
      const profile = cliProfile(opts.profile);

      // an export holds every form anyway (one workbook or PDF): read whole files through the registry
      const forms: Form[] = [];
      const { files, errors } = expandInputs(paths);
      for (const e of errors) process.stderr.write(`jixiao: 无法读取 ${e.path}：${e.message}\n`);
      let failed = errors.length;
      for (const f of files) {
        try {
          const r = await readAny(readFileSync(f.path), f.path);
          for (const form of r.forms) {
            // keep the interchange fields plus the extras the exports use (unit, source file)
            const unit = (form as Record<string, unknown>).unit;
            forms.push({ ...toInterchange(form), ...(typeof unit === 'string' ? { unit } : {}), source: f.path });
          }
          reportFileDiagnostics(f.path, [...r.diagnostics, ...r.forms.flatMap((x) => x.diagnostics ?? [])]);
        } catch (e) {
          failed++;
          process.stderr.write(`jixiao: 无法读取 ${f.path}：${describeFsError(e)}\n`);
        }
      }
      if (failed) exitState.code = 2;
      if (!forms.length) {
        process.stderr.write('jixiao: 没有读到任何表单，未导出 / no forms read, nothing exported\n');
        exitState.code = exitState.code || 1;
        return;
      }

      const written: string[] = [];
      const write = (path: string, data: Uint8Array | string) => {
        writeFileSync(path, data);
        written.push(path);
      };
      if (format === 'xlsx' || format === 'pdf') {
        // exceljs and pdfmake load only for the export that needs them (CLI start-up stays fast)
        const writer = format === 'xlsx' ? (await import('../../formats/xlsx/write.js')).writeXlsx : (await import('../../formats/pdf/write.js')).writePdf;
        const render = (fs: Form[]) => writer(fs);
        if (opts.perForm) {
          const dir = opts.out ?? '.';
          mkdirSync(dir, { recursive: true });
          for (let i = 0; i < forms.length; i++) write(join(dir, `${fileNameFor(forms[i], i)}.${format}`), await render([forms[i]]));
        } else write(opts.out ?? `forms.${format}`, await render(forms));
      } else {
        const dir = opts.out ?? '.';
        mkdirSync(dir, { recursive: true });
        const tables = format === 'csv' ? writeCsv(forms, { profile }) : writeJsonl(forms, { profile });
        write(join(dir, `forms.${format}`), tables.forms);
        write(join(dir, `indicators.${format}`), tables.indicators);
      }
      process.stderr.write(`jixiao: 已导出 ${forms.length} 个表单 → ${written.length === 1 ? written[0] : `${written.length} 个文件`} / exported ${forms.length} forms\n`);
    });
}
