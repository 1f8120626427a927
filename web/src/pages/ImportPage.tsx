/**
 * Import: drop exported files → the server parses them (preview: forms, diagnostics, findings,
 * organisations, duplicates) → correct what was misread in the same editor → commit. The commit
 * sends the (corrected) forms as interchange JSON under each source's name.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, List, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import { EditOutlined, InboxOutlined } from '@ant-design/icons';
import type { Form } from '../../../src/model/form.js';
import { api } from '../api/client.js';
import type { CommitResult, ImportPreview, PreviewForm } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../app/router.js';
import { useShowError } from '../components/errors.js';
import { FormSheet, gradeColor } from '../editor/FormSheet.js';
import { FindingsPanel } from '../editor/FindingsPanel.js';
import { EDITABLE_MODE, SheetModeContext } from '../editor/cells.js';
import { recompute } from '../editor/live.js';
import { fmtNum, fmtPct } from '../lib/format.js';

const ACTION_COLOR = { create: 'green', duplicate: 'default', forbidden: 'red', invalid: 'red' } as const;

export function ImportPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [corrected, setCorrected] = useState<Map<string, Form>>(new Map());
  const [editing, setEditing] = useState<PreviewForm | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);

  const keyOf = (f: PreviewForm) => `${f.source}#${f.index}`;
  const run = async (list: File[]) => {
    setBusy(true);
    setResult(null);
    setCorrected(new Map());
    try {
      setPreview(await api.previewImport(list));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    const bySource = new Map<string, Form[]>();
    for (const f of preview.forms) {
      if (f.action !== 'create' || !f.form) continue;
      const form = corrected.get(keyOf(f)) ?? f.form;
      bySource.set(f.source, [...(bySource.get(f.source) ?? []), form]);
    }
    setBusy(true);
    try {
      const r = await api.commitImport([...bySource].map(([name, forms]) => ({ name, content: JSON.stringify({ forms }) })));
      setResult(r);
      message.success(t('import.committed', { n: r.created.length, d: r.duplicates }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-page">
      <div className="page-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('import.title')}</Typography.Title>
      </div>
      <Upload.Dragger
        multiple
        accept=".txt,.tsv,.csv,.json,text/plain,application/json"
        showUploadList={{ showRemoveIcon: true }}
        fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const, size: f.size }))}
        beforeUpload={(file, list) => {
          // antd calls this once per file with the whole batch: preview once, for the batch
          if (file === list[0]) {
            const next = [...list];
            setFiles(next);
            void run(next);
          }
          return false;
        }}
        onRemove={(f) => { const next = files.filter((_, i) => String(i) !== f.uid); setFiles(next); if (next.length) void run(next); else setPreview(null); }}
        data-testid="import-drop"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('import.drop')}</p>
      </Upload.Dragger>

      {busy && !preview ? <Alert style={{ marginTop: 12 }} type="info" message={t('common.loading')} /> : null}
      {preview ? (
        <Card size="small" style={{ marginTop: 12 }} title={t('import.preview')} data-testid="import-preview"
          extra={
            <Space>
              <Tag color="green">{t('import.action.create')} {preview.counts.create}</Tag>
              <Tag>{t('import.action.duplicate')} {preview.counts.duplicate}</Tag>
              {preview.counts.forbidden ? <Tag color="red">{t('import.action.forbidden')} {preview.counts.forbidden}</Tag> : null}
              {preview.counts.invalid ? <Tag color="red">{t('import.action.invalid')} {preview.counts.invalid}</Tag> : null}
              <Button type="primary" onClick={commit} loading={busy} disabled={!preview.counts.create || !!result} data-testid="import-commit">{t('import.commit')}</Button>
            </Space>
          }>
          {preview.sources.some((s) => s.diagnostics.length) ? (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('import.diagnostics')}
              description={<ul>{preview.sources.flatMap((s) => s.diagnostics.map((d, i) => <li key={`${s.name}${i}`}>{s.name}：{d.message}</li>))}</ul>} />
          ) : null}
          {preview.orgs.create.length ? (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} message={`将新建单位：${preview.orgs.create.map((o) => o.name).join('、')}`} />
          ) : null}
          <Table<PreviewForm>
            size="small"
            rowKey={keyOf}
            dataSource={preview.forms}
            pagination={false}
            expandable={{
              expandedRowRender: (f) => (
                <Space align="start" wrap>
                  <List size="small" header={t('import.diagnostics')} dataSource={f.diagnostics} locale={{ emptyText: t('common.none') }}
                    renderItem={(d) => <List.Item><Tag>{d.code}</Tag>{d.message}</List.Item>} style={{ minWidth: 320 }} />
                  <div style={{ minWidth: 360 }}><FindingsPanel findings={corrected.has(keyOf(f)) ? recompute(corrected.get(keyOf(f))!).findings : f.findings} /></div>
                </Space>
              ),
            }}
            columns={[
              { title: '文件', dataIndex: 'source', ellipsis: true, width: 200, render: (s: string, f) => `${s} #${f.index + 1}` },
              { title: t('list.project'), render: (_, f) => (corrected.get(keyOf(f)) ?? f.form)?.projectName ?? '—', ellipsis: true },
              { title: t('list.unit'), render: (_, f) => <span>{f.unit?.name ?? (f.form?.implementingUnit ?? '—')} {f.unit?.action === 'create' ? <Tag color="blue">新建</Tag> : null}</span>, ellipsis: true },
              { title: t('list.status'), width: 120, render: (_, f) => <Tag color={ACTION_COLOR[f.action]} title={f.reason ?? undefined}>{t(`import.action.${f.action}`)}</Tag> },
              { title: t('import.confidence'), dataIndex: 'confidence', width: 80, render: (c: number | null) => (c == null ? '—' : `${Math.round(c * 100)}%`) },
              { title: t('list.rate'), width: 80, render: (_, f) => fmtPct(f.summary?.rate) },
              { title: t('list.score'), width: 110, render: (_, f) => <span>{fmtNum(f.summary?.total)} <Tag color={gradeColor(f.summary?.grade)}>{f.summary?.grade ?? '—'}</Tag></span> },
              { title: t('list.findings'), width: 90, render: (_, f) => <Space size={2}><Tag color="red">{f.findings.filter((x) => x.severity === 'error').length}</Tag><Tag color="orange">{f.findings.filter((x) => x.severity === 'warning').length}</Tag></Space> },
              {
                title: '', width: 100,
                render: (_, f) => f.form && f.action === 'create' ? (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(f)}>{corrected.has(keyOf(f)) ? t('import.corrected') : t('import.correct')}</Button>
                ) : f.duplicateOf ? <a href={href(`/forms/${f.duplicateOf}`)}>{t('common.open')}</a> : null,
              },
            ]}
          />
        </Card>
      ) : null}
      {result ? (
        <Result status="success" title={t('import.committed', { n: result.created.length, d: result.duplicates })} data-testid="import-result"
          extra={<Space wrap>{result.created.slice(0, 20).map((id, i) => <Button key={id} href={href(`/forms/${id}`)}>#{i + 1}</Button>)}<Button type="primary" href={href('/forms')}>{t('nav.forms')}</Button></Space>} />
      ) : null}
      <CorrectionDrawer
        item={editing}
        initial={editing ? corrected.get(keyOf(editing)) ?? editing.form! : null}
        onClose={() => setEditing(null)}
        onSave={(form) => { if (editing) setCorrected(new Map(corrected).set(keyOf(editing), form)); setEditing(null); }}
      />
    </div>
  );
}

function CorrectionDrawer({ item, initial, onClose, onSave }: { item: PreviewForm | null; initial: Form | null; onClose(): void; onSave(f: Form): void }) {
  const { t } = useI18n();
  return (
    <Drawer open={!!item} onClose={onClose} width="92%" title={item ? `${t('import.correct')}：${item.source} #${item.index + 1}` : ''} destroyOnHidden
      extra={null}>
      {item && initial ? <CorrectionBody initial={initial} onSave={onSave} onCancel={onClose} /> : null}
    </Drawer>
  );
}

function CorrectionBody({ initial, onSave, onCancel }: { initial: Form; onSave(f: Form): void; onCancel(): void }) {
  const { t } = useI18n();
  const [form, setForm] = useState(initial);
  const live = useMemo(() => recompute(form), [form]);
  const update = useCallback((fn: (f: Form) => Form) => setForm((f) => fn(f)), []);
  return (
    <div>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => onSave(form)} data-testid="correction-save">{t('common.save')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
      <div className="form-layout" style={{ display: 'flex', gap: 16 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <SheetModeContext.Provider value={EDITABLE_MODE}>
            <FormSheet form={form} live={live} update={update} />
          </SheetModeContext.Provider>
        </div>
        <div style={{ width: 340 }}><FindingsPanel findings={live.findings} /></div>
      </div>
    </div>
  );
}
