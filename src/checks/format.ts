/**
 * Render a finding's message from its params in a locale. Templates are compiled once into
 * parts, so formatting a finding is a loop over a few strings.
 */
import { round2 } from '../scoring/round.js';
import type { Finding, Locale } from './finding.js';
import { en, enLabels } from './messages/en.js';
import { zhCN, zhCNLabels, type MessageId } from './messages/zh-CN.js';

type Part = string | { name: string; format: string | null };

const SLOT_RE = /\{(\w+)(?::(\w+))?\}/g;

function compile(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(SLOT_RE)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ name: m[1], format: m[2] ?? null });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

function compileAll(messages: Record<string, string>): Map<string, Part[]> {
  const out = new Map<string, Part[]>();
  for (const [id, t] of Object.entries(messages)) out.set(id, compile(t));
  return out;
}

interface LocaleData {
  templates: Map<string, Part[]>;
  labels: Record<string, string>;
  listSeparator: string;
}

const LOCALES: Record<Locale, LocaleData> = {
  'zh-CN': { templates: compileAll(zhCN), labels: zhCNLabels, listSeparator: '、' },
  en: { templates: compileAll(en), labels: enLabels, listSeparator: ', ' },
};

/** Whether a locale has a template for a message id (catalogue.test.ts). */
export function hasMessage(id: string, locale: Locale): boolean {
  return LOCALES[locale].templates.has(id);
}

/** 2-decimal number without trailing zeros: 9.7, 97.98, 10. */
export function formatNumber(n: number): string {
  return String(round2(n));
}

const GROUP_RE = /\B(?=(\d{3})+(?!\d))/g;
/** Amount with thousands separators: 1,500,000 and 916,392.88. */
export function formatAmount(n: number): string {
  const s = formatNumber(n);
  const dot = s.indexOf('.');
  return dot < 0 ? s.replace(GROUP_RE, ',') : s.slice(0, dot).replace(GROUP_RE, ',') + s.slice(dot);
}

function formatValue(v: unknown, format: string | null, data: LocaleData): string {
  if (v == null) return '';
  if (Array.isArray(v)) return v.map((x) => formatValue(x, format === 'list' ? null : format, data)).join(data.listSeparator);
  if (typeof v === 'number') {
    if (format === '2') return round2(v).toFixed(2);
    if (format === 'amount') return formatAmount(v);
    return formatNumber(v);
  }
  const s = String(v);
  if (format === 'label') return data.labels[s] ?? s;
  return s;
}

/** Fill a template with params. Unknown ids render as the id itself, never throw. */
export function renderMessage(id: string, params: Record<string, unknown>, locale: Locale = 'zh-CN'): string {
  const data = LOCALES[locale] ?? LOCALES['zh-CN'];
  const parts = data.templates.get(id) ?? LOCALES['zh-CN'].templates.get(id);
  if (!parts) return id;
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : formatValue(params[p.name], p.format, data);
  return out;
}

/** The finding's message in a locale (re-rendered from its params). */
export function formatFinding(f: Finding, locale: Locale = 'zh-CN'): string {
  return renderMessage(f.messageId ?? f.code, f.params, locale);
}

export type { MessageId };
