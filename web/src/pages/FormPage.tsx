/**
 * One form: the editor for the unit (live recompute, autosave with optimistic versions, submit),
 * and the review desk for 主管部门 / 财政局 (findings, field comments, approve / return, scores).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Input, InputNumber, List, Modal, Result, Row, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CommentOutlined, HistoryOutlined, PrinterOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { emptyForm, type Form } from '../../../src/model/form.js';
import { api, ApiError } from '../api/client.js';
import type { FieldComment, FormDetail, ReviewScore } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../app/session.js';
import { href, navigate } from '../app/router.js';
import { FormSheet, gradeColor } from '../editor/FormSheet.js';
import { FindingsPanel, focusPath } from '../editor/FindingsPanel.js';
import { SheetModeContext } from '../editor/cells.js';
import { recompute } from '../editor/live.js';
import { fmtDiff, fmtNum, fmtTime } from '../lib/format.js';
import { pathLabel } from '../lib/paths.js';
import { StatusTag } from '../components/StatusTag.js';
import { ErrorAlert, useShowError } from '../components/errors.js';

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; version: number } | { kind: 'conflict'; currentVersion: number | null } | { kind: 'error'; error: ApiError };

const AUTOSAVE_MS = 1200;
const EDITABLE = ['draft', 'returned'];

export function FormPage({ id: routeId }: { id: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const role = session.user.role;
  const showError = useShowError();
  const { message } = App.useApp();

  const [id, setId] = useState<string | null>(routeId === 'new' ? null : routeId);
  const [detail, setDetail] = useState<FormDetail | null>(null);
  const [form, setForm] = useState<Form | null>(routeId === 'new' ? newForm(session.user.orgName) : null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const version = useRef<number>(0);
  const dirty = useRef(false);
  const saving = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const formRef = useRef(form);
  formRef.current = form;
  const idRef = useRef(id);
  idRef.current = id;
  const blocked = useRef(false);

  const load = useCallback(async (fid: string) => {
    setLoadError(null);
    try {
      const d = await api.getForm(fid);
      version.current = d.version;
      dirty.current = false;
      blocked.current = false;
      setDetail(d);
      setForm(d.form);
      setSave({ kind: 'idle' });
    } catch (e) {
      setLoadError(e as ApiError);
    }
  }, []);

  useEffect(() => {
    if (routeId !== 'new') load(routeId);
  }, [routeId, load]);

  const editable = (role === 'filler' || role === 'admin') && (!detail || EDITABLE.includes(detail.status));

  /** Save now (create on first save). Resolves true when the server has our latest edit. */
  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (saving.current) await saving.current;
    if (!dirty.current || blocked.current) return !dirty.current;
    const f = formRef.current!;
    dirty.current = false;
    setSave({ kind: 'saving' });
    const p = (async () => {
      try {
        const d = idRef.current ? await api.saveForm(idRef.current, version.current, f) : await api.createForm(f);
        version.current = d.version;
        if (!idRef.current) {
          idRef.current = d.id;
          setId(d.id);
          history.replaceState(null, '', href(`/forms/${d.id}`));
        }
        setDetail(d);
        setSave(dirty.current ? { kind: 'dirty' } : { kind: 'saved', version: d.version });
        return true;
      } catch (e) {
        dirty.current = true;
        const err = e as ApiError;
        if (err.status === 409 && err.code === 'stale-version') {
          blocked.current = true;
          setSave({ kind: 'conflict', currentVersion: (err.extra.currentVersion as number) ?? null });
        } else {
          if (err.status === 409 || err.status === 422) blocked.current = true;
          setSave({ kind: 'error', error: err });
        }
        return false;
      } finally {
        saving.current = null;
      }
    })();
    saving.current = p;
    const ok = await p;
    if (ok && dirty.current) return flush();
    return ok;
  }, []);

  const update = useCallback(
    (fn: (prev: Form) => Form) => {
      setForm((prev) => (prev ? fn(prev) : prev));
      dirty.current = true;
      setSave((s) => (s.kind === 'conflict' || s.kind === 'error' ? s : { kind: 'dirty' }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const live = useMemo(() => (form ? recompute(form) : null), [form]);

  // review state
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const readOnly = !editable;
  const sheetMode = useMemo(() => ({ readOnly, onPick: readOnly ? setSelectedPath : undefined, selectedPath }), [readOnly, selectedPath]);
  const [pending, setPending] = useState<{ path: string; body: string }[]>([]);
  const [reviewScores, setReviewScores] = useState<(number | null)[] | null>(null);
  const [reviewFund, setReviewFund] = useState<number | null>(null);

  if (loadError) return <ErrorAlert error={loadError} onRetry={() => load(routeId)} />;
  if (!form || !live) return <Spin style={{ marginTop: 80, display: 'block' }} />;

  const status = detail?.status ?? 'draft';
  const canReview =
    (role === 'dept_reviewer' && status === 'dept_review') ||
    (role === 'finance_reviewer' && status === 'finance_review') ||
    (role === 'admin' && (status === 'dept_review' || status === 'finance_review'));
  const canScore = (role === 'dept_reviewer' && status === 'dept_review') || (role === 'finance_reviewer' && (status === 'finance_review' || status === 'published'));
  const reviewMode = !editable;

  const submit = async () => {
    if (live.errors.length) {
      Modal.error({
        title: t('editor.submitBlocked', { n: live.errors.length }),
        content: (
          <ul className="blocking-list" data-testid="blocking-list">
            {live.errors.map((f, i) => (
              <li key={i}>
                <Tag color="red">{f.code}</Tag>
                {f.message}
              </li>
            ))}
          </ul>
        ),
      });
      return;
    }
    const ok = await flush();
    if (!ok || !idRef.current) return;
    try {
      const d = await api.action(idRef.current, 'submit', { version: version.current });
      version.current = d.version;
      setDetail(d);
      setForm(d.form);
      message.success(t('editor.submitted'));
    } catch (e) {
      showError(e);
      if ((e as ApiError).status === 409) void load(idRef.current);
    }
  };

  const act = async (action: 'approve' | 'return' | 'accept', extra: { message?: string } = {}) => {
    if (!detail) return;
    if (action === 'return' && !pending.length) {
      message.warning(t('review.returnNeedsComment'));
      return;
    }
    try {
      const d = await api.action(detail.id, action, { version: detail.version, comments: action === 'return' ? pending : undefined, ...extra });
      setDetail(d);
      setForm(d.form);
      setPending([]);
      message.success(t('review.done'));
    } catch (e) {
      showError(e);
      if ((e as ApiError).status === 409) void load(detail.id);
    }
  };

  const saveScore = async () => {
    if (!detail) return;
    const scores = reviewScores ?? form.indicators.map((r) => r.score);
    try {
      const d = await api.score(detail.id, { fundScore: reviewFund ?? live.report.funds.score.recomputed ?? form.funds.total.score, indicatorScores: scores });
      setDetail(d);
      message.success(t('review.done'));
    } catch (e) {
      showError(e);
    }
  };

  const errorsBlock = editable && live.errors.length > 0;
  const comments = detail?.comments ?? [];

  return (
    <div className="form-page">
      <div className="page-toolbar">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {form.projectName || t('nav.new')}
          </Typography.Title>
          {detail ? <StatusTag status={detail.status} /> : <Tag>{t('status.draft')}</Tag>}
          {detail?.spotCheckId ? <Tag color="purple">{t('spot.title')}</Tag> : null}
          {editable ? <SaveIndicator state={save} /> : null}
        </Space>
        <Space wrap>
          <span className="muted" data-testid="recompute-ms">{t('editor.recomputeMs', { ms: live.ms.toFixed(2) })}</span>
          {id ? <Button icon={<PrinterOutlined />} href={href(`/forms/${id}/print`)}>{t('common.print')}</Button> : null}
          {id ? <Button icon={<HistoryOutlined />} href={href(`/forms/${id}/history`)}>{t('common.history')}</Button> : null}
          {editable ? (
            <Button type="primary" icon={<SendOutlined />} onClick={submit} data-testid="submit" danger={errorsBlock}>
              {t('editor.submit')}
            </Button>
          ) : null}
        </Space>
      </div>

      {save.kind === 'conflict' ? (
        <Alert
          type="error"
          showIcon
          data-testid="conflict"
          message={t('editor.conflict')}
          description={t('editor.conflictText', { v: save.currentVersion ?? '?' })}
          action={
            <Space direction="vertical">
              <Button size="small" onClick={() => idRef.current && load(idRef.current)}>{t('editor.reload')}</Button>
              <Button size="small" danger onClick={() => { if (save.currentVersion != null) { version.current = save.currentVersion; blocked.current = false; dirty.current = true; void flush(); } }}>
                覆盖为我的修改 / overwrite with mine
              </Button>
            </Space>
          }
        />
      ) : null}
      {save.kind === 'error' ? <ErrorAlert error={save.error} /> : null}
      {errorsBlock ? (
        <Alert
          type="warning"
          showIcon
          data-testid="submit-blockers"
          message={t('editor.submitBlocked', { n: live.errors.length })}
          description={
            <ul className="blocking-list">
              {live.errors.slice(0, 8).map((f, i) => (
                <li key={i}><a onClick={() => focusPath(f.path)}><Tag color="red">{f.code}</Tag>{f.message}</a></li>
              ))}
            </ul>
          }
        />
      ) : null}
      {!editable && detail && (role === 'filler') ? <Alert type="info" showIcon message={t('editor.readonly')} /> : null}

      <Row gutter={16} wrap={false} className="form-layout">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <SheetModeContext.Provider value={sheetMode}>
            <FormSheet
              form={form}
              live={live}
              update={editable ? update : undefined}
              comments={comments}
              reviewScores={canScore ? { values: reviewScores ?? form.indicators.map((r) => r.score), onChange: (i, v) => setReviewScores((prev) => { const a = (prev ?? form.indicators.map((r) => r.score)).slice(); a[i] = v; return a; }), label: role === 'finance_reviewer' ? t('review.finance') : t('review.dept') } : undefined}
            />
          </SheetModeContext.Provider>
        </Col>
        <Col flex="360px" className="side">
          <Tabs
            defaultActiveKey={comments.some((c) => !c.resolvedAt) ? 'comments' : 'findings'}
            items={[
              { key: 'findings', label: `${t('findings.title')} (${live.findings.length})`, children: <FindingsPanel findings={live.findings} /> },
              {
                key: 'comments',
                label: `${t('comments.title')} (${comments.filter((c) => !c.resolvedAt).length})`,
                children: (
                  <CommentsPanel
                    form={form}
                    detail={detail}
                    comments={comments}
                    canComment={!!detail && reviewMode && role !== 'filler'}
                    selectedPath={selectedPath}
                    pending={pending}
                    setPending={setPending}
                    onChanged={() => detail && load(detail.id)}
                  />
                ),
              },
              ...(detail ? [{ key: 'scores', label: t('review.scores'), children: <ScoresPanel detail={detail} live={live} form={form} /> }] : []),
            ]}
          />
          {canReview || canScore ? (
            <Card size="small" title={t('review.title')} className="review-card" data-testid="review-card">
              <Space direction="vertical" style={{ width: '100%' }}>
                {canScore ? (
                  <Space wrap>
                    <span>{t('editor.score')}（{t('editor.fundsTotal')}）</span>
                    <InputNumber size="small" value={reviewFund ?? live.report.funds.score.recomputed ?? undefined} onChange={(v) => setReviewFund(v ?? null)} />
                    <Button size="small" onClick={saveScore} data-testid="save-score">{t('review.scoreSubmit')}</Button>
                  </Space>
                ) : null}
                {canReview ? (
                  <ReviewActions
                    role={role}
                    status={status}
                    pending={pending}
                    onApprove={(m) => act(status === 'finance_review' ? 'accept' : 'approve', { message: m || undefined })}
                    onReturn={(m) => act('return', { message: m || undefined })}
                  />
                ) : null}
              </Space>
            </Card>
          ) : null}
        </Col>
      </Row>
    </div>
  );
}

function newForm(orgName: string): Form {
  const f = emptyForm();
  f.year = new Date().getFullYear() - 1;
  f.implementingUnit = orgName;
  return f;
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useI18n();
  switch (state.kind) {
    case 'dirty':
      return <Tag color="orange" data-testid="save-state">{t('editor.unsaved')}</Tag>;
    case 'saving':
      return <Tag color="processing" data-testid="save-state">{t('editor.saving')}</Tag>;
    case 'saved':
      return <Tag color="success" data-testid="save-state">{t('editor.saved', { v: state.version })}</Tag>;
    case 'conflict':
      return <Tag color="error" data-testid="save-state">{t('editor.conflict')}</Tag>;
    case 'error':
      return <Tag color="error" data-testid="save-state">{t('common.error')}</Tag>;
    default:
      return null;
  }
}

function ReviewActions({ status, pending, onApprove, onReturn }: { role: string; status: string; pending: unknown[]; onApprove(m: string): void; onReturn(m: string): void }) {
  const { t } = useI18n();
  const [msg, setMsg] = useState('');
  return (
    <>
      <Input.TextArea rows={2} placeholder={t('review.message')} value={msg} onChange={(e) => setMsg(e.target.value)} data-testid="review-message" />
      <Space>
        <Button type="primary" icon={<CheckOutlined />} onClick={() => onApprove(msg)} data-testid="approve">
          {status === 'finance_review' ? t('review.accept') : t('review.approve')}
        </Button>
        <Button danger icon={<RollbackOutlined />} onClick={() => onReturn(msg)} data-testid="return" disabled={!pending.length}>
          {t('review.return')} {pending.length ? `(${pending.length})` : ''}
        </Button>
      </Space>
      {!pending.length ? <span className="muted">{t('review.returnNeedsComment')}</span> : null}
    </>
  );
}

function CommentsPanel({
  form, detail, comments, canComment, selectedPath, pending, setPending, onChanged,
}: {
  form: Form; detail: FormDetail | null; comments: FieldComment[]; canComment: boolean; selectedPath: string | null;
  pending: { path: string; body: string }[]; setPending(p: { path: string; body: string }[]): void; onChanged(): void;
}) {
  const { t } = useI18n();
  const { session } = useSession();
  const showError = useShowError();
  const [body, setBody] = useState('');
  const path = selectedPath ?? '';
  const resolve = async (c: FieldComment) => {
    if (!detail) return;
    try {
      await api.resolveComment(detail.id, c.id);
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <div className="comments-panel" data-testid="comments-panel">
      {canComment ? (
        <Card size="small" title={<><CommentOutlined /> {t('comments.add')}</>}>
          <div className="muted">
            {t('comments.field')}：<b data-testid="comment-path">{path ? pathLabel(path, form) : t('comments.wholeForm')}</b>
          </div>
          <Input.TextArea rows={2} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t('comments.placeholder')} data-testid="comment-body" />
          <Button
            size="small"
            style={{ marginTop: 6 }}
            disabled={!body.trim()}
            data-testid="comment-add"
            onClick={() => {
              setPending([...pending, { path, body: body.trim() }]);
              setBody('');
            }}
          >
            {t('comments.add')}
          </Button>
          {pending.length ? (
            <List
              size="small"
              header={t('review.pendingComments')}
              dataSource={pending}
              renderItem={(c, i) => (
                <List.Item actions={[<a key="x" onClick={() => setPending(pending.filter((_, j) => j !== i))}>×</a>]}>
                  <span className="muted">{c.path ? pathLabel(c.path, form) : t('comments.wholeForm')}</span>：{c.body}
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      ) : null}
      <List
        size="small"
        dataSource={comments}
        locale={{ emptyText: t('common.none') }}
        renderItem={(c) => (
          <List.Item
            className={c.resolvedAt ? 'resolved' : ''}
            onClick={() => focusPath(c.path)}
            actions={!c.resolvedAt && (session.user.role === 'filler' || session.user.role === 'admin') ? [<a key="r" onClick={(e) => { e.stopPropagation(); void resolve(c); }}>{t('comments.resolve')}</a>] : c.resolvedAt ? [<Tag key="d">{t('comments.resolved')}</Tag>] : []}
          >
            <List.Item.Meta
              title={<span>{c.path ? pathLabel(c.path, form) : t('comments.wholeForm')} <span className="muted">· {c.author ?? ''} · v{c.formVersion} · {fmtTime(c.createdAt)}</span></span>}
              description={<span data-testid="comment-text">{c.body}</span>}
            />
          </List.Item>
        )}
      />
    </div>
  );
}

function ScoresPanel({ detail, live, form }: { detail: FormDetail; live: NonNullable<ReturnType<typeof recompute>>; form: Form }) {
  const { t } = useI18n();
  const by = (l: ReviewScore['level']) => detail.scores.find((s) => s.level === l);
  const cols: { key: string; title: string; score: number | null | undefined; grade: string | null | undefined; who?: string | null }[] = [
    { key: 'self', title: t('review.self'), score: by('self')?.totalScore ?? form.totalScore, grade: by('self')?.grade ?? live.report.grade.printed, who: by('self')?.reviewer },
    { key: 'dept', title: t('review.dept'), score: by('dept')?.totalScore, grade: by('dept')?.grade, who: by('dept')?.reviewer },
    { key: 'finance', title: t('review.finance'), score: by('finance')?.totalScore, grade: by('finance')?.grade, who: by('finance')?.reviewer },
  ];
  return (
    <div data-testid="scores-panel">
      <Row gutter={8}>
        {cols.map((c) => (
          <Col span={8} key={c.key}>
            <Card size="small" className="score-card">
              <Statistic title={c.title} value={c.score ?? '—'} precision={c.score != null ? 2 : undefined} />
              <Tag color={gradeColor(c.grade)}>{c.grade ?? '—'}</Tag>
              <div className="muted">{c.who ?? ''}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('review.recomputed')}>
          {fmtNum(live.report.total.suggested)} <Tag color={gradeColor(live.report.grade.suggested)}>{live.report.grade.suggested ?? '—'}</Tag>
          <span className="muted">{fmtDiff(form.totalScore, live.report.total.suggested) ? `（自评差 ${fmtDiff(form.totalScore, live.report.total.suggested)}）` : ''}</span>
        </Descriptions.Item>
      </Descriptions>
      {detail.scores.some((s) => s.detail?.indicators?.length) ? (
        <Table
          size="small"
          pagination={false}
          rowKey="i"
          dataSource={form.indicators.map((r, i) => ({ i, name: r.level3 }))}
          columns={[
            { title: '#', dataIndex: 'i', render: (i: number) => i + 1, width: 32 },
            { title: t('editor.level3'), dataIndex: 'name', ellipsis: true },
            ...(['self', 'dept', 'finance'] as const).map((l) => ({ title: cols.find((c) => c.key === l)!.title, key: l, width: 64, render: (_: unknown, x: { i: number }) => fmtNum(by(l)?.detail?.indicators?.[x.i] ?? null) })),
            { title: t('editor.suggested'), key: 's', width: 64, render: (_: unknown, x: { i: number }) => fmtNum(live.report.indicators[x.i]?.suggestion.suggested ?? null) },
          ]}
        />
      ) : null}
    </div>
  );
}

export function navigateToForm(id: string) {
  navigate(`/forms/${id}`);
}
