/**
 * What a line of an export is, from the labels printed in it: one pass over its cells, cached on
 * the line (the splitter and the form reader both ask).
 */
import { squash } from './cells.js';
import type { Line } from './lines.js';

export type LineKind =
  | 'title' | 'year' | 'name' | 'org' | 'fundsHeader' | 'fundsTotal' | 'fundsFiscal' | 'fundsCarryover' | 'fundsOther'
  | 'goalsHeader' | 'indicatorsHeader' | 'total' | 'other';

export class Classified {
  private squashed: string[] | undefined;
  constructor(readonly kind: LineKind, private readonly cells: string[]) {}
  /** Cells without whitespace, for label lookups (computed on first use). */
  get sq(): string[] {
    return (this.squashed ??= this.cells.map(squash));
  }
}
const EXACT = new Map<string, LineKind>([
  ['项目名称', 'name'], ['主管部门', 'org'], ['实施单位', 'org'],
  ['年初预算数', 'fundsHeader'], ['全年预算数', 'fundsHeader'], ['全年执行数', 'fundsHeader'],
  ['其他资金', 'fundsOther'],
  ['预期目标', 'goalsHeader'], ['实际完成情况', 'goalsHeader'], ['实际完成', 'goalsHeader'],
  ['一级指标', 'indicatorsHeader'], ['二级指标', 'indicatorsHeader'], ['三级指标', 'indicatorsHeader'],
]);
// When one line carries several labels, the more specific block wins.
const PRIORITY: LineKind[] = ['name', 'org', 'fundsHeader', 'fundsTotal', 'fundsFiscal', 'fundsCarryover', 'fundsOther', 'goalsHeader', 'indicatorsHeader', 'total', 'title', 'year'];
const YEAR_ONLY = /^[（(]?(?:19|20)\d{2}年度?[)）]?$/;
const TOTAL = new Set(['总分', '合计', '总计']);

export const classifyLabel = (s: string): LineKind | undefined => {
  const k = EXACT.get(s);
  if (k) return k;
  if (s.length > 16 && !(s[4] === '：' || s[4] === ':')) return undefined;
  const paren = s.indexOf('（') > 0 ? s.indexOf('（') : s.indexOf('(');
  if (paren > 0) {
    const head = EXACT.get(s.slice(0, paren));
    if (head === 'name' || head === 'org') return head;
  }
  // "项目名称：…" — label and value printed in one cell
  const colon = s.indexOf('：') > 0 ? s.indexOf('：') : s.indexOf(':');
  if (colon === 4) {
    const head = EXACT.get(s.slice(0, 4));
    if (head === 'name' || head === 'org') return head;
  }
  {
    if (s.includes('资金总额')) return 'fundsTotal';
    if (s.includes('财政拨款')) return 'fundsFiscal';
    if (s.includes('上年结转') || s.includes('上年结余')) return 'fundsCarryover';
    if (s.startsWith('其他资金')) return 'fundsOther';
  }
  return undefined;
};

// First characters of every label above: most cells (names, values) are rejected on this alone.
const FIRST = new Set([...EXACT.keys(), '年度资金总额', '资金总额', '当年财政拨款', '财政拨款', '上年结转资金', '上年结余资金', '其中'].map((k) => k.charCodeAt(0)));

export function classify(line: Line): Classified {
  if (line.classified) return line.classified;
  const cells = line.cells;
  let nonEmpty = 0;
  let first = '';
  let best = PRIORITY.length;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === '') continue;
    if (nonEmpty++ === 0) first = c;
    // cells are trimmed, so a label's first character is c[0]; most cells stop here
    if (!FIRST.has(c.charCodeAt(0))) continue;
    const k = classifyLabel(squash(c));
    if (k) best = Math.min(best, PRIORITY.indexOf(k));
  }
  let kind: LineKind = best < PRIORITY.length ? PRIORITY[best] : 'other';
  if (kind === 'other' || PRIORITY.indexOf(kind) > PRIORITY.indexOf('total')) {
    // only a few first characters can start 总分/合计/总计 or a year line: skip the rest cheaply
    const c0 = first.charCodeAt(0);
    // 总 合 ( （ and digits can start 总分/合计/总计 or a year line
    const f = nonEmpty && (c0 === 0x603b || c0 === 0x5408 || c0 === 0x28 || c0 === 0xff08 || (c0 >= 0x30 && c0 <= 0x39)) ? squash(first) : '';
    if (TOTAL.has(f)) kind = 'total';
    else if (nonEmpty <= 2 && cells.some((c) => c.length && c.indexOf('自评表') >= 0 && squash(c).length <= 60)) kind = 'title';
    else if (nonEmpty === 1 && YEAR_ONLY.test(f)) kind = 'year';
  }
  return (line.classified = new Classified(kind, cells));
}
