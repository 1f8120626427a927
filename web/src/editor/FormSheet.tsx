/**
 * The 财政项目支出绩效自评表 laid out like the printed form: header, funds table with the 其中 rows,
 * goals, the indicator table with merged level-1 / level-2 cells, and the totals. Each derived
 * number is shown beside what the unit entered. Rows are memoised so that one keystroke re-renders
 * one row and the summaries, not the whole table.
 */
import { memo, useCallback, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Input, Select, Space, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Form, Indicator } from '../../../src/model/form.js';
import { emptyIndicator } from '../../../src/model/form.js';
import { LEVEL1, LEVEL2 } from '../../../src/model/taxonomy.js';
import { describeValue, type ParsedValue } from '../../../src/model/value.js';
import type { IndicatorReport } from '../../../src/scoring/index.js';
import type { Finding } from '../../../src/checks/finding.js';
import type { FieldComment } from '../api/types.js';
import { useI18n, type T } from '../i18n/index.js';
import { fmtDiff, fmtNum, fmtPct } from '../lib/format.js';
import { EDITABLE_MODE, NumCell, Recomputed, SheetModeContext, TextCell, Issues } from './cells.js';
import { findingsSig, type Live } from './live.js';

export type FormUpdater = (f: (prev: Form) => Form) => void;

const NAV_COLS = 6;

interface Props {
  form: Form;
  live: Live;
  update?: FormUpdater;
  comments?: FieldComment[];
  /** Review: one extra column with the reviewer's score per row. */
  reviewScores?: { values: (number | null)[]; onChange(i: number, v: number | null): void; label: string };
}

function commentsByPath(comments: FieldComment[] | undefined): Map<string, FieldComment[]> {
  const m = new Map<string, FieldComment[]>();
  for (const c of comments ?? []) {
    const l = m.get(c.path);
    if (l) l.push(c);
    else m.set(c.path, [c]);
  }
  return m;
}

export function FormSheet({ form, live, update, comments, reviewScores }: Props) {
  const { t } = useI18n();
  const mode = useContext(SheetModeContext);
  const editable = !!update && !mode.readOnly;
  const byPath = live.byPath;
  const cm = useMemo(() => commentsByPath(comments), [comments]);
  const at = (p: string) => byPath.get(p);
  const cat = (p: string) => cm.get(p);
  const r = live.report;
  const tableRef = useRef<HTMLTableElement>(null);
  const [focusNav, setFocusNav] = useState<string | null>(null);

  // Setters are made once per `update`, so memoised cells see the same onChange on every keystroke.
  const setters = useMemo(() => {
    const cache = new Map<string, (v: never) => void>();
    const get = <V,>(key: string, make: () => (v: V) => void) => {
      let f = cache.get(key);
      if (!f) cache.set(key, (f = make() as (v: never) => void));
      return f as unknown as (v: V) => void;
    };
    return {
      set: <K extends keyof Form>(k: K) => get<Form[K]>(`f.${String(k)}`, () => (v) => update?.((f) => ({ ...f, [k]: v }))),
      fund: (row: 'total' | 'fiscal' | 'carryover' | 'other', k: string) =>
        get<number | null>(`funds.${row}.${k}`, () => (v) => update?.((f) => ({ ...f, funds: { ...f.funds, [row]: { ...f.funds[row], [k]: v } } }))),
      goal: (k: 'expected' | 'actual') => get<string | null>(`goals.${k}`, () => (v) => update?.((f) => ({ ...f, goals: { ...f.goals, [k]: v } }))),
    };
  }, [update]);
  const set = setters.set;
  const setFund = setters.fund;
  const setGoal = setters.goal;

  const updateRow = useCallback(
    (i: number, patch: Partial<Indicator>) =>
      update?.((f) => {
        const rows = f.indicators.slice();
        rows[i] = { ...rows[i], ...patch };
        return { ...f, indicators: rows };
      }),
    [update],
  );
  const addRow = useCallback(
    (after: number) => {
      update?.((f) => {
        const rows = f.indicators.slice();
        const prev = rows[after] ?? rows[rows.length - 1];
        const row: Indicator = { ...emptyIndicator(), level1: prev?.level1 ?? '产出指标', level2: prev?.level2 ?? '数量指标' };
        rows.splice(after + 1, 0, row);
        return { ...f, indicators: rows };
      });
      setFocusNav(`${after + 1}:0`);
    },
    [update],
  );
  const removeRow = useCallback(
    (i: number) => update?.((f) => ({ ...f, indicators: f.indicators.filter((_, j) => j !== i) })),
    [update],
  );
  const moveRow = useCallback(
    (i: number, d: -1 | 1) =>
      update?.((f) => {
        const j = i + d;
        if (j < 0 || j >= f.indicators.length) return f;
        const rows = f.indicators.slice();
        [rows[i], rows[j]] = [rows[j], rows[i]];
        return { ...f, indicators: rows };
      }),
    [update],
  );

  useEffect(() => {
    if (!focusNav) return;
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-nav="${focusNav}"]`);
    if (el) {
      el.focus();
      setFocusNav(null);
    }
  });

  // Enter → next cell (a new row after the last); Ctrl+Enter → new row below; Ctrl+Delete → remove; Alt+Shift+↑/↓ → move.
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!editable) return;
    const target = e.target as HTMLElement;
    const nav = target.getAttribute('data-nav');
    if (!nav) return;
    const [row, col] = nav.split(':').map(Number);
    const n = form.indicators.length;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      addRow(row);
    } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      if (col < NAV_COLS - 1) setFocusNav(`${row}:${col + 1}`);
      else if (row < n - 1) setFocusNav(`${row + 1}:0`);
      else addRow(row);
    } else if (e.key === 'Delete' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      removeRow(row);
      setFocusNav(`${Math.max(0, Math.min(row, n - 2))}:${col}`);
    } else if (e.altKey && e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const d = e.key === 'ArrowUp' ? -1 : 1;
      if (row + d >= 0 && row + d < n) {
        moveRow(row, d);
        setFocusNav(`${row + d}:${col}`);
      }
    }
  };

  // Merged cells: consecutive rows with the same level-1 (and, inside, the same level-2) share one cell.
  const spans = useMemo(() => {
    const rows = form.indicators;
    const l1 = new Array<number>(rows.length).fill(0);
    const l2 = new Array<number>(rows.length).fill(0);
    for (let i = 0; i < rows.length; ) {
      let j = i + 1;
      while (j < rows.length && rows[j].level1 === rows[i].level1) j++;
      l1[i] = j - i;
      for (let k = i; k < j; ) {
        let m = k + 1;
        while (m < j && rows[m].level2 === rows[k].level2) m++;
        l2[k] = m - k;
        k = m;
      }
      i = j;
    }
    return { l1, l2 };
  }, [form.indicators]);

  const t0 = form.funds.total;
  const fundsRow = (key: 'fiscal' | 'carryover' | 'other', label: string) => (
    <tr key={key}>
      <td className="label sub">{label}</td>
      {(['initialBudget', 'annualBudget', 'executed'] as const).map((k) => (
        <td key={k}>
          <NumCell amount path={`funds.${key}.${k}`} value={form.funds[key][k]} onChange={editable ? setFund(key, k) : undefined} issues={at(`funds.${key}.${k}`)} comments={cat(`funds.${key}.${k}`)} ariaLabel={`${label} ${t(`editor.${k}` as never)}`} />
        </td>
      ))}
      <td className="na">—</td>
      <td className="na">—</td>
      <td className="na">—</td>
    </tr>
  );

  const extraCols = reviewScores ? 1 : 0;
  return (
    <div className="sheet" data-testid="form-sheet">
      <div className="sheet-title">
        <h2>{t('editor.title')}</h2>
        <div className="sheet-year">
          （
          {editable ? (
            <Input className="year-input" data-path="year" aria-label={t('list.year')} value={form.year ?? ''} onChange={(e) => { const n = Number(e.target.value); set('year')(e.target.value === '' || !Number.isInteger(n) ? null : n); }} />
          ) : (
            <span data-path="year">{form.year ?? '____'}</span>
          )}
          年度）
        </div>
      </div>

      <table className="sheet-table head">
        <colgroup>
          <col style={{ width: '12%' }} /><col style={{ width: '38%' }} /><col style={{ width: '12%' }} /><col style={{ width: '38%' }} />
        </colgroup>
        <tbody>
          <tr>
            <td className="label">{t('editor.projectName')}</td>
            <td colSpan={3}><TextCell path="projectName" value={form.projectName} onChange={editable ? set('projectName') : undefined} issues={at('projectName')} comments={cat('projectName')} ariaLabel={t('editor.projectName')} /></td>
          </tr>
          <tr>
            <td className="label">{t('editor.department')}</td>
            <td><TextCell path="department" value={form.department} onChange={editable ? set('department') : undefined} issues={at('department')} comments={cat('department')} ariaLabel={t('editor.department')} /></td>
            <td className="label">{t('editor.unit')}</td>
            <td><TextCell path="implementingUnit" value={form.implementingUnit} onChange={editable ? set('implementingUnit') : undefined} issues={at('implementingUnit')} comments={cat('implementingUnit')} ariaLabel={t('editor.unit')} /></td>
          </tr>
        </tbody>
      </table>

      <table className="sheet-table funds">
        <colgroup>
          <col style={{ width: '8%' }} /><col style={{ width: '16%' }} /><col /><col /><col /><col style={{ width: '8%' }} /><col style={{ width: '14%' }} /><col style={{ width: '14%' }} />
        </colgroup>
        <tbody>
          <tr className="hdr">
            <td rowSpan={5} className="label vertical">{t('editor.funds')}</td>
            <td />
            <td>{t('editor.initialBudget')}</td>
            <td>{t('editor.annualBudget')}</td>
            <td>{t('editor.executed')}</td>
            <td>{t('editor.weight')}</td>
            <td>{t('editor.rate')}</td>
            <td>{t('editor.score')}</td>
          </tr>
          <tr>
            <td className="label">{t('editor.fundsTotal')}</td>
            {(['initialBudget', 'annualBudget', 'executed'] as const).map((k) => (
              <td key={k}>
                <NumCell amount path={`funds.total.${k}`} value={t0[k]} onChange={editable ? setFund('total', k) : undefined} issues={at(`funds.total.${k}`)} comments={cat(`funds.total.${k}`)} ariaLabel={`${t('editor.fundsTotal')} ${t(`editor.${k}`)}`} />
              </td>
            ))}
            <td>
              <NumCell path="funds.total.weight" value={t0.weight} onChange={editable ? setFund('total', 'weight') : undefined} issues={at('funds.total.weight')} comments={cat('funds.total.weight')} ariaLabel={`${t('editor.fundsTotal')} ${t('editor.weight')}`} />
            </td>
            <td>
              <NumCell
                path="funds.total.rate" suffix="%" value={t0.rate} onChange={editable ? setFund('total', 'rate') : undefined} issues={at('funds.total.rate')} comments={cat('funds.total.rate')} ariaLabel={`${t('editor.fundsTotal')} ${t('editor.rate')}`}
                hint={<Recomputed label={t('editor.recomputed')} value={fmtPct(r.funds.rate.display)} diff={fmtDiff(t0.rate, r.funds.rate.display)} ok={r.funds.rate.ok} testId="live-rate" />}
              />
            </td>
            <td>
              <NumCell
                path="funds.total.score" value={t0.score} onChange={editable ? setFund('total', 'score') : undefined} issues={at('funds.total.score')} comments={cat('funds.total.score')} ariaLabel={`${t('editor.fundsTotal')} ${t('editor.score')}`}
                hint={<Recomputed label={t('editor.recomputed')} value={fmtNum(r.funds.score.recomputed)} diff={fmtDiff(t0.score, r.funds.score.recomputed)} ok={r.funds.score.ok} testId="live-exec-score" />}
              />
            </td>
          </tr>
          {fundsRow('fiscal', t('editor.fiscal'))}
          {fundsRow('carryover', t('editor.carryover'))}
          {fundsRow('other', t('editor.other'))}
        </tbody>
      </table>

      <table className="sheet-table goals">
        <colgroup><col style={{ width: '8%' }} /><col style={{ width: '46%' }} /><col style={{ width: '46%' }} /></colgroup>
        <tbody>
          <tr className="hdr">
            <td rowSpan={2} className="label vertical">{t('editor.goals')}</td>
            <td>{t('editor.expected')}</td>
            <td>{t('editor.actualGoal')}</td>
          </tr>
          <tr>
            <td><TextCell multiline path="goals.expected" value={form.goals.expected} onChange={editable ? setGoal('expected') : undefined} issues={at('goals.expected')} comments={cat('goals.expected')} ariaLabel={t('editor.expected')} /></td>
            <td><TextCell multiline path="goals.actual" value={form.goals.actual} onChange={editable ? setGoal('actual') : undefined} issues={at('goals.actual')} comments={cat('goals.actual')} ariaLabel={t('editor.actualGoal')} /></td>
          </tr>
        </tbody>
      </table>

      <table className="sheet-table indicators" ref={tableRef} onKeyDown={onKeyDown} data-testid="indicator-table">
        <colgroup>
          <col style={{ width: '4%' }} /><col style={{ width: '8%' }} /><col style={{ width: '9%' }} /><col style={{ width: '14%' }} />
          <col style={{ width: '12%' }} /><col style={{ width: '12%' }} /><col style={{ width: '6%' }} /><col style={{ width: '6%' }} />
          <col style={{ width: '9%' }} /><col /> {reviewScores ? <col style={{ width: '7%' }} /> : null}
          {editable ? <col style={{ width: '92px' }} /> : null}
        </colgroup>
        <thead>
          <tr className="hdr">
            <td />
            <td>{t('editor.level1')}</td>
            <td>{t('editor.level2')}</td>
            <td>{t('editor.level3')}</td>
            <td>{t('editor.target')}</td>
            <td>{t('editor.actual')}</td>
            <td>{t('editor.weight')}</td>
            <td>{t('editor.score')}</td>
            <td>{t('editor.suggested')}</td>
            <td>{t('editor.deviation')}</td>
            {reviewScores ? <td>{reviewScores.label}</td> : null}
            {editable ? <td /> : null}
          </tr>
        </thead>
        <tbody>
          {form.indicators.map((row, i) => (
            <IndicatorRow
              key={i}
              i={i}
              count={form.indicators.length}
              row={row}
              report={r.indicators[i]}
              sugSig={sugSig(r.indicators[i])}
              findings={live.byRow[i]}
              fSig={findingsSig(live.byRow[i])}
              comments={comments}
              cSig={commentSig(comments, i)}
              l1Span={spans.l1[i]}
              l2Span={spans.l2[i]}
              editable={editable}
              updateRow={updateRow}
              addRow={addRow}
              removeRow={removeRow}
              moveRow={moveRow}
              focusCell={setFocusNav}
              review={reviewScores ? reviewScores.values[i] ?? null : undefined}
              onReview={reviewScores?.onChange}
              t={t}
            />
          ))}
          {form.indicators.length === 0 ? (
            <tr><td colSpan={10 + extraCols + (editable ? 1 : 0)} className="empty">{t('common.none')}</td></tr>
          ) : null}
          <tr className="totals">
            <td colSpan={6} className="label">{t('editor.total')}</td>
            <td>
              <NumCell path="totalWeight" value={form.totalWeight} onChange={editable ? set('totalWeight') : undefined} issues={at('totalWeight')} comments={cat('totalWeight')} ariaLabel={`${t('editor.total')} ${t('editor.weight')}`}
                hint={<Recomputed label="" value={fmtNum(r.totalWeight.recomputed)} diff={fmtDiff(form.totalWeight, r.totalWeight.recomputed)} ok={r.totalWeight.ok} testId="live-total-weight" />} />
            </td>
            <td>
              <NumCell path="totalScore" value={form.totalScore} onChange={editable ? set('totalScore') : undefined} issues={at('totalScore')} comments={cat('totalScore')} ariaLabel={`${t('editor.total')} ${t('editor.score')}`}
                hint={<Recomputed label="" value={fmtNum(r.total.recomputed)} diff={fmtDiff(form.totalScore, r.total.recomputed)} ok={r.total.ok} testId="live-total-sum" />} />
            </td>
            <td className="suggested-total">
              <div><span className="muted">{t('editor.suggested')}</span> <b data-testid="live-total">{fmtNum(r.total.suggested)}</b></div>
            </td>
            <td colSpan={1 + extraCols + (editable ? 1 : 0)} className="grade-cell">
              <Space wrap>
                <span>{t('editor.grade')}</span>
                <Tag color={gradeColor(r.grade.printed)} data-testid="printed-grade">{r.grade.printed ?? '—'}</Tag>
                <span className="muted">{t('editor.suggested')}</span>
                <Tag color={gradeColor(r.grade.suggested)} data-testid="live-grade">{r.grade.suggested ?? '—'}</Tag>
              </Space>
            </td>
          </tr>
        </tbody>
      </table>
      {editable ? (
        <div className="sheet-actions">
          <Button icon={<PlusOutlined />} onClick={() => addRow(form.indicators.length - 1)} data-testid="add-row">
            {t('editor.addRow')}
          </Button>
          <span className="muted">{t('editor.addRowHint')}</span>
        </div>
      ) : null}
    </div>
  );
}

/** describeValue, except that an actual value needs no comparator ("60 台", not "60 台（未写比较符）"). */
function readAs(v: ParsedValue, role: 'target' | 'actual'): string {
  if (role === 'actual' && v.kind === 'quantity' && v.op === null) return v.unit === null ? String(v.value) : v.unit === '%' ? `${v.value}%` : `${v.value} ${v.unit}`;
  return describeValue(v);
}

export const gradeColor = (g: string | null | undefined) => (g === '优' ? 'green' : g === '良' ? 'blue' : g === '中' ? 'orange' : g === '差' ? 'red' : undefined);

const sugSig = (r: IndicatorReport | undefined) => {
  if (!r) return '';
  const s = r.suggestion;
  return `${s.kind}|${s.reason}|${s.suggested}|${s.min}|${s.max}|${r.ok}|${describeValue(s.target)}|${describeValue(s.actual)}`;
};
const commentSig = (comments: FieldComment[] | undefined, i: number) => {
  if (!comments?.length) return '';
  const p = `indicators[${i}].`;
  return comments.filter((c) => c.path.startsWith(p)).map((c) => `${c.id}|${c.resolvedAt ?? ''}`).join(',');
};

/** One picker for both levels: level-2 classes grouped under their level-1 section (searchable by either name). */
const CATEGORY_OPTIONS = LEVEL1.map((l1) => ({
  label: l1 as string,
  title: l1 as string,
  options: LEVEL2[l1].map((l2) => ({ value: `${l1}|${l2}`, label: l2, search: `${l1}${l2}` })),
}));

interface RowProps {
  i: number;
  count: number;
  row: Indicator;
  report: IndicatorReport | undefined;
  sugSig: string;
  findings: Finding[] | undefined;
  fSig: string;
  comments: FieldComment[] | undefined;
  cSig: string;
  l1Span: number;
  l2Span: number;
  editable: boolean;
  updateRow(i: number, patch: Partial<Indicator>): void;
  addRow(after: number): void;
  removeRow(i: number): void;
  moveRow(i: number, d: -1 | 1): void;
  /** Focus a cell by its nav id after the next render (the category picker hands over to the name). */
  focusCell(nav: string): void;
  review?: number | null;
  onReview?: (i: number, v: number | null) => void;
  t: T;
}

const sameRow = (a: RowProps, b: RowProps) =>
  a.row === b.row && a.i === b.i && a.count === b.count && a.sugSig === b.sugSig && a.fSig === b.fSig && a.cSig === b.cSig &&
  a.l1Span === b.l1Span && a.l2Span === b.l2Span && a.editable === b.editable && a.review === b.review && a.t === b.t &&
  a.updateRow === b.updateRow && a.onReview === b.onReview;

const IndicatorRow = memo(function IndicatorRow(p: RowProps) {
  const { i, row, report, findings, l1Span, l2Span, editable, t } = p;
  const base = `indicators[${i}]`;
  const fAt = (field: string) => findings?.filter((f) => f.path === `${base}.${field}`);
  const rowLevel = findings?.filter((f) => f.path === base || f.path === '' || !f.path.startsWith(`${base}.`));
  const cAt = (field: string) => p.comments?.filter((c) => c.path === `${base}.${field}`);
  const s = report?.suggestion;
  const upd = (k: keyof Indicator) => (v: string | number | null) => p.updateRow(i, { [k]: v } as Partial<Indicator>);
  const suggestedText = !s ? '—' : s.suggested != null ? fmtNum(s.suggested) : s.min != null && s.max != null ? `${fmtNum(s.min)}–${fmtNum(s.max)}` : '—';
  const diff = s?.suggested != null ? fmtDiff(row.score, s.suggested) : null;
  return (
    <tr data-row={i} className={report?.ok === false ? 'row-off' : undefined}>
      {i === 0 ? <td rowSpan={p.count} className="label vertical">{t('editor.indicators')}</td> : null}
      {l1Span > 0 ? (
        <td rowSpan={l1Span} className="merged" data-cell={`${base}.level1`}>
          <span className="ro-text">{row.level1 ?? ''}</span>
          <Issues issues={fAt('level1')} comments={cAt('level1')} />
        </td>
      ) : null}
      {l2Span > 0 ? (
        <td rowSpan={l2Span} className="merged" data-cell={`${base}.level2`}>
          <span className="ro-text">{row.level2 ?? ''}</span>
          <Issues issues={fAt('level2')} comments={cAt('level2')} />
        </td>
      ) : null}
      <td>
        {editable ? (
          <Select size="small" showSearch className="level-select" aria-label={`${t('editor.classify')} ${i + 1}`}
            value={row.level1 || row.level2 ? `${row.level1 ?? ''}|${row.level2 ?? ''}` : undefined}
            placeholder={t('editor.classify')} options={CATEGORY_OPTIONS} popupMatchSelectWidth={false}
            filterOption={(input, o) => ((o as { search?: string })?.search ?? '').includes(input.trim())}
            labelRender={(v) => String(v.value ?? '').split('|').filter(Boolean).join(' / ')}
            onChange={(v: string) => { const [a, b] = v.split('|'); p.updateRow(i, { level1: a || null, level2: b || null }); p.focusCell(`${i}:0`); }} />
        ) : null}
        <TextCell multiline path={`${base}.level3`} nav={`${i}:0`} value={row.level3} onChange={editable ? upd('level3') : undefined} issues={fAt('level3')} comments={cAt('level3')} ariaLabel={`${t('editor.level3')} ${i + 1}`} />
        {rowLevel?.length ? <Issues issues={rowLevel} /> : null}
      </td>
      <td>
        <TextCell path={`${base}.target`} nav={`${i}:1`} value={row.target} onChange={editable ? upd('target') : undefined} issues={fAt('target')} comments={cAt('target')} ariaLabel={`${t('editor.target')} ${i + 1}`}
          hint={s && row.target ? <span className="read-as">{readAs(s.target, 'target')}</span> : null} />
      </td>
      <td>
        <TextCell path={`${base}.actual`} nav={`${i}:2`} value={row.actual} onChange={editable ? upd('actual') : undefined} issues={fAt('actual')} comments={cAt('actual')} ariaLabel={`${t('editor.actual')} ${i + 1}`}
          hint={s && row.actual ? <span className="read-as">{readAs(s.actual, 'actual')}</span> : null} />
      </td>
      <td>
        <NumCell path={`${base}.weight`} nav={`${i}:3`} value={row.weight} onChange={editable ? upd('weight') : undefined} issues={fAt('weight')} comments={cAt('weight')} ariaLabel={`${t('editor.weight')} ${i + 1}`} />
      </td>
      <td>
        <NumCell path={`${base}.score`} nav={`${i}:4`} value={row.score} onChange={editable ? upd('score') : undefined} issues={fAt('score')} comments={cAt('score')} ariaLabel={`${t('editor.score')} ${i + 1}`} />
      </td>
      <td className={`suggested${report?.ok === false ? ' bad' : report?.ok ? ' good' : ''}`} data-testid={`suggested-${i}`}>
        <Tooltip title={s ? `${s.kind} · ${s.reason}` : undefined}>
          <b>{suggestedText}</b>
        </Tooltip>
        {diff != null && diff !== '0' ? <div className="diff">（差 {diff}）</div> : null}
      </td>
      <td>
        <TextCell multiline path={`${base}.deviation`} nav={`${i}:5`} value={row.deviation} onChange={editable ? upd('deviation') : undefined} issues={fAt('deviation')} comments={cAt('deviation')} ariaLabel={`${t('editor.deviation')} ${i + 1}`} />
      </td>
      {p.onReview ? (
        <td>
          <NumCellReview i={i} value={p.review ?? null} onChange={p.onReview} />
        </td>
      ) : null}
      {editable ? (
        <td className="row-actions">
          <Button size="small" type="text" tabIndex={-1} icon={<ArrowUpOutlined />} title={t('editor.moveUp')} disabled={i === 0} onClick={() => p.moveRow(i, -1)} />
          <Button size="small" type="text" tabIndex={-1} icon={<ArrowDownOutlined />} title={t('editor.moveDown')} disabled={i === p.count - 1} onClick={() => p.moveRow(i, 1)} />
          <Button size="small" type="text" danger tabIndex={-1} icon={<DeleteOutlined />} title={t('editor.removeRow')} data-testid={`remove-row-${i}`} onClick={() => p.removeRow(i)} />
        </td>
      ) : null}
    </tr>
  );
}, sameRow);

function NumCellReview({ i, value, onChange }: { i: number; value: number | null; onChange(i: number, v: number | null): void }) {
  return (
    <SheetModeContext.Provider value={EDITABLE_MODE}>
      <NumCell path={`review.indicators[${i}]`} value={value} onChange={(v) => onChange(i, v)} ariaLabel={`review ${i + 1}`} />
    </SheetModeContext.Provider>
  );
}
