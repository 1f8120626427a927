/**
 * Value notation of 年度指标值 (target) and 实际完成值 (actual) cells (rules.md §3.2, §6.2).
 *
 * The vendor system concatenates comparator + number + unit text (">=80百分比", "<=50元",
 * "<=2022年12月31日日期"); people add words ("不低于95%", "95%以上", "约20万车次") and bracketed
 * qualifiers ("100%（按实）"). `parseValue` turns one cell into a small discriminated union.
 *
 * Hot path: it runs on every row of every form, so every regex and table is built once here at
 * module load and a call allocates only its result.
 */

/** Comparison sign: '~' is 约 (approximately), null means none was written. */
export type Comparator = '>=' | '>' | '=' | '<=' | '<' | '~';

/** What a qualitative phrase says about completion (rules.md §2.4.4). */
export type Polarity = 'achieved' | 'partial' | 'not';

/** 正向 (higher is better), 反向 (lower is better) or 等于 (equal-to). */
export type Direction = 'higher' | 'lower' | 'equal';

/** Which cell a text came from: '无' is a placeholder as a target but a negation as an actual. */
export type ValueRole = 'target' | 'actual';

interface Qualified {
  /** Bracketed remark stripped before parsing: "按实" from "100%（按实）". */
  qualifier?: string;
}

export interface QuantityValue extends Qualified {
  kind: 'quantity';
  op: Comparator | null;
  value: number;
  /** Unit as written, normalised: '%' for %, ％, 百分比; vendor suffixes 时间/日期 dropped. */
  unit: string | null;
  percent: boolean;
  /** Words before the comparator: "平均" in "平均>=75%". */
  label?: string;
  /** A target without a comparator, with 约, or with leading words (rules.md §2.4.3): warn. */
  nonStandard?: boolean;
}

export interface RangeValue extends Qualified {
  kind: 'range';
  min: number;
  max: number;
  unit: string | null;
  percent: boolean;
  nonStandard?: boolean;
}

export interface DateValue extends Qualified {
  kind: 'date';
  op: Comparator | null;
  /** 'YYYY-MM-DD'; a month-only date ("2022年12月") is the month's last day. */
  date: string;
  precision: 'day' | 'month';
}

export interface TextValue extends Qualified {
  kind: 'text';
  text: string;
  polarity: Polarity | null;
  /** A comparator followed by words ("=项目管理完成度"): no value at all. */
  op?: Comparator;
}

export interface EmptyValue {
  kind: 'empty';
}

export interface PlaceholderValue {
  kind: 'placeholder';
  text: string;
}

export type ParsedValue = QuantityValue | RangeValue | DateValue | TextValue | EmptyValue | PlaceholderValue;

// ---------------------------------------------------------------------------------------------
// Tables (built once)

/** Prefix comparators, longest first so that the regex alternation prefers them. */
const PREFIX_OPS: ReadonlyArray<readonly [string, Comparator]> = [
  ['大于或等于', '>='],
  ['小于或等于', '<='],
  ['大于等于', '>='],
  ['小于等于', '<='],
  ['不得低于', '>='],
  ['不得少于', '>='],
  ['不得高于', '<='],
  ['不得超过', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['不高于', '<='],
  ['不超过', '<='],
  ['不大于', '<='],
  ['不多于', '<='],
  ['控制在', '<='],
  ['达到', '>='],
  ['至少', '>='],
  ['至多', '<='],
  ['最多', '<='],
  ['高于', '>'],
  ['大于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['低于', '<'],
  ['小于', '<'],
  ['少于', '<'],
  ['等于', '='],
  ['大约', '~'],
  ['约为', '~'],
  ['约', '~'],
  ['>=', '>='],
  ['=>', '>='],
  ['<=', '<='],
  ['=<', '<='],
  ['==', '='],
  ['≥', '>='],
  ['≧', '>='],
  ['⩾', '>='],
  ['≤', '<='],
  ['≦', '<='],
  ['⩽', '<='],
  ['≈', '~'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];
const PREFIX_OP = new Map<string, Comparator>(PREFIX_OPS);

/** Suffix comparators: "95%以上", "2小时内", "100人左右". */
const SUFFIX_OPS: ReadonlyArray<readonly [string, Comparator]> = [
  ['及以上', '>='],
  ['或以上', '>='],
  ['以上', '>='],
  ['及以下', '<='],
  ['或以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
  ['之内', '<='],
  ['内', '<='],
  ['左右', '~'],
];
const SUFFIX_OP = new Map<string, Comparator>(SUFFIX_OPS);

const DATE_SUFFIX_OPS: ReadonlyArray<readonly [string, Comparator]> = [
  ['之前', '<='],
  ['以前', '<='],
  ['前', '<='],
  ['止', '<='],
  ['之后', '>='],
  ['以后', '>='],
  ['后', '>='],
];
const DATE_SUFFIX_OP = new Map<string, Comparator>(DATE_SUFFIX_OPS);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (ops: ReadonlyArray<readonly [string, Comparator]>) => ops.map(([s]) => esc(s)).join('|');

const PREFIX = alt(PREFIX_OPS);
const SUFFIX = alt(SUFFIX_OPS);
const DATE_SUFFIX = alt(DATE_SUFFIX_OPS);
const SYMBOL_PREFIX = alt(PREFIX_OPS.filter(([s]) => /^[<>=≥≤≧≦⩾⩽≈]/.test(s)));
const NUM = '[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|[-+]?\\.\\d+';
const CN_NUM = '[零〇一二两三四五六七八九十百千万]+';
// Words before a comparator ("平均", "每天使用"); lazy so that "不低于" is read as one comparator.
const LABEL = '[\\u4e00-\\u9fffA-Za-z]{1,12}?';
// Unit text as printed; lazy so that a suffix comparator ("以上", "内") is not eaten by the unit.
const UNIT = '[%‰a-zA-Z\\u4e00-\\u9fff㎡㎞℃·/]{1,8}?';

const QUANTITY_RE = new RegExp(`^(?:(${LABEL})??(${PREFIX}))?(百分之)?(${NUM})(${UNIT})?(${SUFFIX})?$`);
const CN_QUANTITY_RE = new RegExp(`^(?:(${LABEL})??(${PREFIX}))?(百分之)?(${CN_NUM})(${UNIT})?(${SUFFIX})?$`);
const RANGE_RE = new RegExp(`^(百分之)?(${NUM})(${UNIT})?(?:-|~|—|–|至|到)(${NUM})(${UNIT})?$`);
const DATE_RE = new RegExp(
  `^(?:(${LABEL})??(${PREFIX}))?(\\d{4})(?:年|[-./])(\\d{1,2})(?:月|[-./])?(?:(\\d{1,2})[日号]?)?(底|末)?(${DATE_SUFFIX})?(?:时间|日期)?$`,
);
const OP_TEXT_RE = new RegExp(`^(${SYMBOL_PREFIX})(.+)$`);

const FULLWIDTH_RE = /[\uFF01-\uFF5E\u3000]/g;
const HAS_FULLWIDTH_RE = /[\uFF01-\uFF5E\u3000]/;
const WHITESPACE_RE = /\s+/g;
const HAS_DIGIT_OR_CN_NUM_RE = /[\d零〇一二两三四五六七八九十百千万]/;
const BRACKET_RE = /[(（【[]([^()（）【】[\]]*)[)）】\]]/g;
const HAS_BRACKET_RE = /[(（【[]/;
// Numerals or sentence glue inside "unit" text mean the cell is a phrase, not number + unit.
const NOT_A_UNIT_RE = /[零〇一二两三四五六七八九十内以之的及或和与在为是]/;
/** Counting units accepted after a Chinese numeral ("十二次"); "十分满意" must stay text. */
const CN_UNITS = new Set([
  '次', '个', '人', '人次', '本', '场', '条', '项', '户', '台', '套', '件', '天', '年', '月', '日', '周', '小时',
  '工作日', '元', '万元', '期', '篇', '份', '批', '家', '所', '处', '名', '位', '座', '辆', '季度', '册', '张',
]);
const VENDOR_UNIT_SUFFIX_RE = /(?:时间|日期)$/;
const PERCENT_UNITS = new Set(['%', '百分比', '百分点', '百分率']);

const PLACEHOLDERS = new Set([
  '指标目标值',
  '目标值',
  '指标值',
  '年度指标值',
  '实际完成值',
  '—',
  '–',
  '-',
  '--',
  '——',
  '/',
  '\\',
  '*',
  '…',
  '...',
  '……',
  '待定',
  '略',
  '暂无',
  'null',
  'NULL',
  'N/A',
  'n/a',
  'NA',
]);
const PLACEHOLDER_XX_RE = /^[<>=≥≤]*[xX×＊*]+[%a-zA-Z\u4e00-\u9fff]{0,4}$/;

// Polarity of qualitative phrases (rules.md §2.4.4). Checked in this order: not, partial, achieved.
const NOT_EXACT = new Set(['无', '否', '没有', '未', '尚未', '暂未', '零', '0', '不', '未完成', '未达成', '未达标']);
const NOT_RE =
  /无法|未完成|没有完成|未能完成|尚未完成|未达成|未达到|没有达到|未达标|未实现|未执行|未开展|未实施|未落实|未启动|未按期|未按时|未及时|不及时|不合格|不符合|不达标|不满意|不到位|不规范|不健全|取消|暂停|停止|终止|未安排/;
// A leading 未/没有 negates, except where it states an absence of harm ("未发生安全事故").
const NOT_LEADING_RE = /^(?:未|尚未|暂未|没有|未能)(?!发生|出现|造成|收到|接到|超|有重大|因)/;
const PARTIAL_RE =
  /^(?:基本|部分|大部分|大部|初步|较为|较|一般|尚可)|基本完成|部分完成|基本达到|基本实现|基本符合|基本满意|比较满意|有所/;
const ACHIEVED_RE =
  /符合|完成|达成|达到|达标|合规|合格|健全|完善|及时|有效|提升|提高|满意|稳定|平稳|规范|良好|优秀|正常|到位|通过|实现|落实|加强|增强|强化|促进|巩固|改善|保障|按时|按期|准时|全部|全覆盖|积极|无重大|无故障|未发生|零事故|零投诉|避免|规避|防止|顺利|已/;
const ACHIEVED_EXACT = new Set(['是', '有', '好', '优', '良', '高', '强', '√', '✓', '100%']);

// ---------------------------------------------------------------------------------------------
// Parsing

const EMPTY: EmptyValue = Object.freeze({ kind: 'empty' }) as EmptyValue;

/**
 * Parse one 年度指标值 / 实际完成值 cell. Never throws; unreadable text becomes `kind: 'text'`.
 * The result is frozen (it may be shared between calls with the same text).
 * `role` only matters for '无' (a placeholder target, a negating actual) and for `nonStandard`.
 */
export function parseValue(text: string | null | undefined, role: ValueRole = 'target'): ParsedValue {
  if (text == null) return EMPTY;
  // cells repeat a lot across forms ("合规", ">=95%", "100%"): memoise, results are frozen
  const cache = role === 'target' ? TARGET_CACHE : ACTUAL_CACHE;
  let v = cache.get(text);
  if (v === undefined) {
    v = Object.freeze(parseCell(text, role)) as ParsedValue;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, v);
  }
  return v;
}

const CACHE_LIMIT = 20_000;
const TARGET_CACHE = new Map<string, ParsedValue>();
const ACTUAL_CACHE = new Map<string, ParsedValue>();

function parseCell(text: string, role: ValueRole): ParsedValue {
  let s = text;
  if (HAS_FULLWIDTH_RE.test(s)) s = s.replace(FULLWIDTH_RE, fullwidthToAscii);
  s = s.trim();
  if (s === '') return EMPTY;

  let qualifier: string | undefined;
  if (HAS_BRACKET_RE.test(s)) {
    let q = '';
    const stripped = s.replace(BRACKET_RE, (_m, inner: string) => {
      const t = inner.trim();
      if (t) q = q ? `${q}；${t}` : t;
      return '';
    });
    if (q) {
      // "（按期完成）" alone: the bracket is the value
      if (stripped.trim() === '') s = q;
      else {
        s = stripped.trim();
        qualifier = q;
      }
    }
  }

  if (PLACEHOLDERS.has(s) || PLACEHOLDER_XX_RE.test(s)) return { kind: 'placeholder', text: s };
  if (role === 'target' && s === '无') return { kind: 'placeholder', text: s };

  const compact = s.includes(' ') || s.includes('\t') || s.includes('\n') ? s.replace(WHITESPACE_RE, '') : s;

  if (HAS_DIGIT_OR_CN_NUM_RE.test(compact)) {
    const v = parseNumeric(compact, role);
    if (v) {
      if (qualifier !== undefined) v.qualifier = qualifier;
      return v;
    }
  }

  let op: Comparator | undefined;
  let body = s;
  const m = OP_TEXT_RE.exec(compact);
  if (m) {
    op = PREFIX_OP.get(m[1]);
    body = m[2];
  }
  const out: TextValue = { kind: 'text', text: body, polarity: polarityOf(body) };
  if (op !== undefined) out.op = op;
  if (qualifier !== undefined) out.qualifier = qualifier;
  return out;
}

function parseNumeric(s: string, role: ValueRole): QuantityValue | RangeValue | DateValue | null {
  let m = DATE_RE.exec(s);
  if (m) {
    const d = makeDate(m);
    if (d) return d;
  }
  m = QUANTITY_RE.exec(s);
  if (m) {
    const value = Number(m[4].replace(/,/g, ''));
    const q = makeQuantity(m, value, role);
    if (q) return q;
  }
  m = RANGE_RE.exec(s);
  if (m) {
    const a = Number(m[2].replace(/,/g, ''));
    const b = Number(m[4].replace(/,/g, ''));
    const u1 = normaliseUnit(m[3]);
    const u2 = normaliseUnit(m[5]);
    if (u1 !== undefined && u2 !== undefined && (u1 === null || u2 === null || u1 === u2) && a <= b) {
      const unit = u2 ?? u1;
      const percent = m[1] !== undefined || (unit !== null && PERCENT_UNITS.has(unit));
      const r: RangeValue = { kind: 'range', min: a, max: b, unit: percent ? '%' : unit, percent };
      return r;
    }
  }
  m = CN_QUANTITY_RE.exec(s);
  if (m) {
    const value = chineseNumber(m[4]);
    if (value !== null && (m[5] === undefined || CN_UNITS.has(m[5]))) return makeQuantity(m, value, role);
  }
  return null;
}

function makeQuantity(m: RegExpExecArray, value: number, role: ValueRole): QuantityValue | null {
  if (!Number.isFinite(value)) return null;
  const unit = normaliseUnit(m[5]);
  if (unit === undefined) return null;
  const prefixOp = m[2] !== undefined ? PREFIX_OP.get(m[2])! : null;
  const suffixOp = m[6] !== undefined ? SUFFIX_OP.get(m[6])! : null;
  const op = prefixOp ?? suffixOp;
  const percent = m[3] !== undefined || (unit !== null && PERCENT_UNITS.has(unit));
  const q: QuantityValue = { kind: 'quantity', op, value, unit: percent ? '%' : unit, percent };
  if (m[1] !== undefined) q.label = m[1];
  if (role === 'target' && (op === null || op === '~' || m[1] !== undefined)) q.nonStandard = true;
  return q;
}

/** undefined = not a unit (sentence text after a number); null = no unit. */
function normaliseUnit(raw: string | undefined): string | null | undefined {
  if (raw === undefined || raw === '') return null;
  if (raw.length > 6 || NOT_A_UNIT_RE.test(raw)) return undefined;
  let u = raw;
  if (u.length > 2 && VENDOR_UNIT_SUFFIX_RE.test(u)) u = u.slice(0, -2);
  if (u === '时间' || u === '日期') return null;
  return u;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function makeDate(m: RegExpExecArray): DateValue | null {
  const y = Number(m[3]);
  const mo = Number(m[4]);
  if (mo < 1 || mo > 12 || y < 1900 || y > 2200) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1];
  let day: number;
  let precision: 'day' | 'month';
  if (m[5] !== undefined) {
    day = Number(m[5]);
    if (day < 1 || day > last) return null;
    precision = 'day';
  } else {
    day = last;
    precision = 'month';
  }
  const op = m[2] !== undefined ? PREFIX_OP.get(m[2])! : m[7] !== undefined ? DATE_SUFFIX_OP.get(m[7])! : null;
  const date = `${y}-${mo < 10 ? '0' : ''}${mo}-${day < 10 ? '0' : ''}${day}`;
  return { kind: 'date', op, date, precision };
}

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 一百零五 → 105, 两万 → 20000; null when the characters do not form a number. */
export function chineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d !== undefined) {
      if (digit >= 0 && digit !== 0) return null; // "一二" is not a number
      digit = d;
      continue;
    }
    const u = CN_UNIT[ch];
    if (u !== undefined) {
      section += (digit < 0 ? 1 : digit) * u;
      digit = -1;
      continue;
    }
    if (ch === '万') {
      total += (section + (digit > 0 ? digit : 0) || 1) * 10000;
      section = 0;
      digit = -1;
      continue;
    }
    return null;
  }
  return total + section + (digit > 0 ? digit : 0);
}

function fullwidthToAscii(ch: string): string {
  return ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/** Completion stated by a qualitative phrase (rules.md §2.4.4), or null when it says nothing. */
export function polarityOf(text: string): Polarity | null {
  if (NOT_EXACT.has(text) || NOT_RE.test(text) || NOT_LEADING_RE.test(text)) return 'not';
  if (PARTIAL_RE.test(text)) return 'partial';
  if (ACHIEVED_EXACT.has(text) || ACHIEVED_RE.test(text)) return 'achieved';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Helpers for scoring and display

/** Direction a target's comparator implies (rules.md §2.4.3); none or 约 count as higher-is-better. */
export function directionOf(op: Comparator | null): Direction {
  if (op === '<=' || op === '<') return 'lower';
  if (op === '=') return 'equal';
  return 'higher';
}

/** True for values a score can be computed from (a number, a range or a date). */
export function isMeasured(v: ParsedValue): v is QuantityValue | RangeValue | DateValue {
  return v.kind === 'quantity' || v.kind === 'range' || v.kind === 'date';
}

/** A unit's base and scale: '万元' → 元 × 10000, so "50万元" compares with "500000元". */
export function unitBase(unit: string | null): { base: string | null; scale: number } {
  if (unit === null || unit.length < 2) return { base: unit, scale: 1 };
  const c = unit[0];
  if (c === '万') return { base: unit.slice(1), scale: 1e4 };
  if (c === '亿') return { base: unit.slice(1), scale: 1e8 };
  return { base: unit, scale: 1 };
}

/**
 * The two values on one scale, or null when their units cannot be compared.
 * A missing unit on either side is accepted (">=90" against "95%", rules.md §6.2).
 */
export function commensurate(
  target: { value: number; unit: string | null; percent: boolean },
  actual: { value: number; unit: string | null; percent: boolean },
): { target: number; actual: number } | null {
  if (target.unit === null || actual.unit === null || target.unit === actual.unit) {
    return { target: target.value, actual: actual.value };
  }
  if (target.percent !== actual.percent) return null;
  const t = unitBase(target.unit);
  const a = unitBase(actual.unit);
  if (t.base !== a.base) return null;
  return { target: target.value * t.scale, actual: actual.value * a.scale };
}

const OP_SYMBOL: Record<Comparator, string> = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<', '~': '约' };

function withUnit(n: number, unit: string | null): string {
  if (unit === null) return String(n);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** A short Chinese reading for the UI: "≥ 95%", "反向 ≤ 2 次", "定性". */
export function describeValue(v: ParsedValue): string {
  switch (v.kind) {
    case 'empty':
      return '空';
    case 'placeholder':
      return `占位（${v.text}）`;
    case 'text':
      return v.polarity === 'not' ? '定性（未达成）' : v.polarity === 'partial' ? '定性（部分达成）' : '定性';
    case 'range':
      return v.percent ? `${v.min}%–${v.max}%` : `${v.min}–${withUnit(v.max, v.unit)}`;
    case 'date': {
      const d = v.precision === 'month' ? v.date.slice(0, 7) : v.date;
      return v.op === null ? d : `${OP_SYMBOL[v.op]} ${d}`;
    }
    case 'quantity': {
      const body = withUnit(v.value, v.unit);
      if (v.op === null) return `${body}（未写比较符）`;
      const prefix = v.op === '<=' || v.op === '<' ? '反向 ' : '';
      return `${prefix}${v.label ? `${v.label} ` : ''}${OP_SYMBOL[v.op]} ${body}`;
    }
  }
}
