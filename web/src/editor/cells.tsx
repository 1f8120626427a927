/**
 * Cells of the printed table: a text or number input while editing, plain text when read-only.
 * Every cell carries data-path (the finding/comment path) so findings and comments land on it.
 * Text from forms is only ever rendered as React text (never as HTML).
 */
import { createContext, memo, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Input, Tooltip } from 'antd';
import { CommentOutlined } from '@ant-design/icons';
import type { Finding } from '../../../src/checks/finding.js';
import type { FieldComment } from '../api/types.js';
import { fmtAmount, fmtNum, parseNumber } from '../lib/format.js';

export interface SheetMode {
  readOnly: boolean;
  /** Review: clicking a cell selects its path (for a field comment). */
  onPick?: (path: string) => void;
  selectedPath?: string | null;
}
/** Shared constant: a new object per render would re-render every cell of the sheet. */
export const EDITABLE_MODE: SheetMode = Object.freeze({ readOnly: false });
export const SheetModeContext = createContext<SheetMode>(EDITABLE_MODE);

const worst = (list: readonly Finding[] | undefined): 'error' | 'warning' | undefined => {
  if (!list?.length) return undefined;
  if (list.some((f) => f.severity === 'error')) return 'error';
  if (list.some((f) => f.severity === 'warning')) return 'warning';
  return undefined;
};

export function Issues({ issues, comments }: { issues?: readonly Finding[]; comments?: readonly FieldComment[] }) {
  if (!issues?.length && !comments?.length) return null;
  return (
    <>
      {issues?.map((f, i) => (
        <div key={`f${i}`} className={`cell-issue sev-${f.severity}`} data-code={f.code}>
          <span className="code">{f.code}</span> {f.message}
        </div>
      ))}
      {comments?.map((c) => (
        <div key={c.id} className={`cell-comment${c.resolvedAt ? ' resolved' : ''}`} data-testid="cell-comment">
          <CommentOutlined /> {c.author ? `${c.author}：` : ''}
          {c.body}
        </div>
      ))}
    </>
  );
}

interface BaseProps {
  path: string;
  issues?: readonly Finding[];
  comments?: readonly FieldComment[];
  /** Keyboard navigation id "row:col" (indicator table). */
  nav?: string;
  hint?: ReactNode;
  placeholder?: string;
  ariaLabel?: string;
}

function Shell({ path, issues, comments, hint, children, align }: BaseProps & { children: ReactNode; align?: 'right' }) {
  const mode = useContext(SheetModeContext);
  const openComments = comments?.filter((c) => !c.resolvedAt);
  const cls = [
    'cell',
    mode.readOnly && mode.onPick ? 'pickable' : '',
    mode.selectedPath === path ? 'selected' : '',
    openComments?.length ? 'has-comment' : '',
    align === 'right' ? 'num' : '',
  ].join(' ');
  return (
    <div className={cls} data-cell={path} onClick={mode.readOnly && mode.onPick ? () => mode.onPick!(path) : undefined}>
      {children}
      {hint ? <div className="cell-hint">{hint}</div> : null}
      <Issues issues={issues} comments={comments} />
    </div>
  );
}

export const TextCell = memo(function TextCell(
  props: BaseProps & { value: string | null; onChange?: (v: string | null) => void; multiline?: boolean },
) {
  const mode = useContext(SheetModeContext);
  const { value, onChange, multiline, path, issues, nav, placeholder, ariaLabel } = props;
  if (mode.readOnly || !onChange)
    return (
      <Shell {...props}>
        <span className="ro-text" data-path={path}>{value ?? ''}</span>
      </Shell>
    );
  const common = {
    value: value ?? '',
    status: worst(issues),
    'data-path': path,
    'data-nav': nav,
    placeholder,
    'aria-label': ariaLabel,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value === '' ? null : e.target.value),
  };
  return <Shell {...props}>{multiline ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} {...common} /> : <Input {...common} />}</Shell>;
});

export const NumCell = memo(function NumCell(
  props: BaseProps & { value: number | null; onChange?: (v: number | null) => void; amount?: boolean; suffix?: string },
) {
  const mode = useContext(SheetModeContext);
  const { value, onChange, amount, suffix, path, issues, nav, placeholder, ariaLabel } = props;
  const show = (v: number | null) => (v == null ? '' : amount ? String(v) : String(v));
  const [text, setText] = useState(show(value));
  const [bad, setBad] = useState(false);
  const last = useRef(value);
  useEffect(() => {
    // an outside change (reload, conflict resolution): show it; our own edits already match
    if (value !== last.current) {
      last.current = value;
      setText(show(value));
      setBad(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  if (mode.readOnly || !onChange)
    return (
      <Shell {...props} align="right">
        <span className="ro-text" data-path={path}>
          {value == null ? '' : amount ? fmtAmount(value) : fmtNum(value)}
          {value != null && suffix ? suffix : ''}
        </span>
      </Shell>
    );
  return (
    <Shell {...props} align="right">
      <Input
        value={text}
        inputMode="decimal"
        status={bad ? 'error' : worst(issues)}
        data-path={path}
        data-nav={nav}
        placeholder={placeholder}
        aria-label={ariaLabel}
        suffix={suffix}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const n = parseNumber(t);
          setBad(n === undefined);
          if (n !== undefined && n !== last.current) {
            last.current = n;
            onChange(n);
          }
        }}
      />
    </Shell>
  );
});

/** Recomputed value beside the printed one, with the difference. */
export function Recomputed({ label, value, diff, ok, testId }: { label: string; value: string; diff?: string | null; ok?: boolean | null; testId?: string }) {
  return (
    <span className={`recomputed${ok === false ? ' bad' : ok ? ' good' : ''}`}>
      {label} <b data-testid={testId}>{value}</b>
      {diff != null && diff !== '0' ? <span className="diff">（差 {diff}）</span> : null}
    </span>
  );
}

export function Tip({ title, children }: { title: ReactNode; children: ReactNode }) {
  return <Tooltip title={title}>{children}</Tooltip>;
}
