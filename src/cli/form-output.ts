/**
 * What each command prints for one form, as text pieces around the form's position in its file:
 * `parts.join(String(index))`. Workers render forms without knowing how many forms came before
 * them in the file; the main thread puts the index in when it writes, in order.
 */
import type { Finding, Locale } from '../checks/finding.js';
import { runChecks } from '../checks/run-checks.js';
import { formRecords, FORM_COLUMNS } from '../formats/csv/records.js';
import { csvHeader, csvRow } from '../formats/csv/write.js';
import type { ParsedForm } from '../formats/text/parse.js';
import { scoreForm, type ScoreReport } from '../scoring/index.js';
import { profiles, type Profile } from '../scoring/profile.js';

export type Task =
  | { kind: 'parse'; format?: 'json' | 'csv'; profile?: string }
  | { kind: 'check'; format: 'text' | 'json'; profile: string; locale: Locale }
  | { kind: 'score'; format: 'text' | 'json'; profile: string };

export interface Counts { forms: number; error: number; warning: number; info: number }
export const noCounts = (): Counts => ({ forms: 0, error: 0, warning: 0, info: 0 });

/** Items one form contributes to the output; each item is text split where the index goes. */
export interface Item { parts: string[]; /** added to the 0-based index (1 for a 1-based number) */ base?: number }

/** An item's text for the form at `index` in its file. */
export const joinItem = (it: Item, index: number): string => it.parts.join(String(index + (it.base ?? 0)));

const profileOf = (id: string): Profile => (profiles as Record<string, Profile>)[id] ?? profiles.national;

export function renderForm(task: Task, form: ParsedForm, file: string, counts: Counts): Item[] {
  counts.forms++;
  if (task.kind === 'parse') return [task.format === 'csv' ? formCsv(form, file, task.profile) : formJson(form, file)];
  const profile = profileOf(task.profile);
  const report = scoreForm(form, profile);
  if (task.kind === 'score') return [task.format === 'json' ? scoreJson(form, file, report) : scoreText(form, file, report)];
  const findings = runChecks(form, { profile, locale: task.locale, report });
  for (const f of findings) counts[f.severity]++;
  if (task.format === 'text') return [checkText(file, form.projectName, findings, task.locale)];
  const head = `{"formIndex":`;
  const tail = `,"file":${JSON.stringify(file)},"projectName":${JSON.stringify(form.projectName)},`;
  return findings.map((f) => ({ parts: [head, tail + JSON.stringify(f).slice(1)] }));
}

/** The form in the interchange format with its extras; `source` last so the index can go in. */
function formJson(form: ParsedForm, file: string): Item {
  const source = form.source;
  // readers set `source` last, so the JSON can be cut there instead of copying the form
  let body = JSON.stringify(form);
  const tail = source ? `,"source":${JSON.stringify(source)}}` : '';
  if (source && body.endsWith(tail)) body = body.slice(0, -tail.length);
  else {
    const { source: _omit, ...rest } = form;
    body = JSON.stringify(rest).slice(0, -1);
  }
  const head = `${body},"source":{"file":${JSON.stringify(file)},"index":`;
  return { parts: [head, `,"firstLine":${source?.firstLine ?? 0},"lastLine":${source?.lastLine ?? 0}}}`] };
}

/** The open-data forms table row (printed and recomputed side by side); form_no counts from 1. */
function formCsv(form: ParsedForm, file: string, profile?: string): Item {
  const rec = formRecords({ ...form, source: { ...form.source!, file } } as ParsedForm, 0, { profile }).form;
  const row = csvRow(rec, FORM_COLUMNS);
  return { parts: ['', row.slice(row.indexOf(',')) + '\r\n'], base: 1 };
}

/** The BOM and header line of the CSV that `parse --format csv` prints. */
export const csvPreamble = (): string => '\uFEFF' + csvHeader(FORM_COLUMNS) + '\r\n';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

function checkText(file: string, name: string | null, findings: Finding[], locale: Locale): Item {
  const head = [`${file} #`, ` ${name ?? (locale === 'en' ? '(no project name)' : '（无项目名称）')}\n`];
  if (!findings.length) return { parts: [head[0], head[1] + `  ${locale === 'en' ? 'no findings' : '未发现问题'}\n`] };
  const order = { error: 0, warning: 1, info: 2 };
  const lines = findings
    .slice()
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map((f) => `  ${(locale === 'en' ? f.severity : SEVERITY_ZH[f.severity]).padEnd(locale === 'en' ? 8 : 3)} ${f.code.padEnd(4)} ${f.path.padEnd(24)} ${f.message}`);
  return { parts: [head[0], head[1] + lines.join('\n') + '\n'] };
}

const num = (v: number | null | undefined, suffix = '') => (v == null ? '—' : `${Math.round(v * 100) / 100}${suffix}`);
const mark = (ok: boolean | null) => (ok === null ? ' ' : ok ? '✓' : '✗');

function scoreJson(form: ParsedForm, file: string, r: ScoreReport): Item {
  const body = {
    projectName: form.projectName,
    rate: { printed: r.funds.rate.printed, recomputed: r.funds.rate.recomputed, display: r.funds.rate.display, ok: r.funds.rate.ok },
    executionScore: { printed: r.funds.score.printed, recomputed: r.funds.score.recomputed, ok: r.funds.score.ok },
    indicators: r.indicators.map((i) => ({
      index: i.index, level3: i.row.level3, weight: i.weight, score: i.score,
      suggested: i.suggestion.suggested, min: i.suggestion.min, max: i.suggestion.max, kind: i.suggestion.kind, reason: i.suggestion.reason, ok: i.ok,
    })),
    total: { printed: r.total.printed, recomputed: r.total.recomputed, suggested: r.total.suggested, ok: r.total.ok },
    grade: r.grade,
  };
  return { parts: [`{"file":${JSON.stringify(file)},"formIndex":`, `,${JSON.stringify(body).slice(1)}`] };
}

function scoreText(form: ParsedForm, file: string, r: ScoreReport): Item {
  const rows: [string, string, string, string][] = [];
  const f = r.funds;
  rows.push(['执行率 rate', num(f.rate.printed, '%'), `${num(f.rate.display, '%')}（精确 ${f.rate.recomputed == null ? '—' : f.rate.recomputed.toFixed(4)}%）`, mark(f.rate.ok)]);
  rows.push(['执行得分 execution score', num(f.score.printed), num(f.score.recomputed), mark(f.score.ok)]);
  for (const i of r.indicators) {
    const s = i.suggestion;
    const rec = s.suggested != null ? num(s.suggested) : s.min != null ? `${num(s.min)}–${num(s.max)}` : '—';
    rows.push([`  ${i.index + 1}. ${i.row.level3 ?? '（无名称）'}`, `${num(i.score)}/${num(i.weight)}`, `${rec}（${s.kind === 'qualitative' ? '定性' : s.kind === 'quantitative' ? '定量' : '未评'}）`, mark(i.ok)]);
  }
  rows.push(['总分 total', num(r.total.printed), `${num(r.total.recomputed)}；按规则 ${num(r.total.suggested)}`, mark(r.total.ok)]);
  rows.push(['等级 grade', r.grade.printed ?? '—', `${r.grade.recomputed ?? '—'}；按规则 ${r.grade.suggested ?? '—'}`, ' ']);
  const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const w0 = Math.max(...rows.map((x) => width(x[0]))), w1 = Math.max(12, ...rows.map((x) => width(x[1])));
  const body = `\n${pad('', w0)}  ${pad('印刷 printed', w1)}  重算 recomputed\n` + rows.map(([a, b, c, d]) => `${pad(a, w0)}  ${pad(b, w1)}  ${d} ${c}`).join('\n') + '\n\n';
  return { parts: [`${file} #`, ` ${form.projectName ?? ''}${body}`] };
}
