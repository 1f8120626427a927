/**
 * 财政局 spot checks: draw a reproducible sample (count or share, optional seed), then re-score each
 * drawn form; the self, 主管部门 and 财政局 scores and the recomputed one stand side by side.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Form as AntForm, InputNumber, Input, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { api } from '../api/client.js';
import type { FormDetail, SpotCheck, SpotCheckRecord } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href } from '../app/router.js';
import { useShowError } from '../components/errors.js';
import { StatusTag } from '../components/StatusTag.js';
import { gradeColor } from '../editor/FormSheet.js';
import { fmtNum, fmtTime } from '../lib/format.js';

const MAX_DETAIL = 50;

export function SpotCheckPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const { message } = App.useApp();
  const [history, setHistory] = useState<SpotCheckRecord[]>([]);
  const [drawn, setDrawn] = useState<SpotCheck | null>(null);
  const [rows, setRows] = useState<FormDetail[]>([]);
  const [by, setBy] = useState<'count' | 'share'>('count');
  const [busy, setBusy] = useState(false);

  const loadHistory = () => api.spotChecks().then((r) => setHistory(r.items), showError);
  useEffect(() => { void loadHistory(); }, []);

  const show = async (ids: string[]) => {
    const details = await Promise.all(ids.slice(0, MAX_DETAIL).map((id) => api.getForm(id).catch(() => null)));
    setRows(details.filter((d): d is FormDetail => !!d));
  };

  const draw = async (v: { year?: number; count?: number; share?: number; seed?: string; dryRun?: boolean }) => {
    setBusy(true);
    try {
      const r = await api.drawSpotCheck({
        year: v.year ?? undefined, seed: v.seed || undefined, dryRun: v.dryRun,
        ...(by === 'count' ? { count: v.count ?? 5 } : { share: (v.share ?? 10) / 100 }),
      });
      setDrawn(r);
      message.success(t('spot.population', { n: r.population, k: r.formIds.length }));
      await show(r.formIds);
      void loadHistory();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const score = (d: FormDetail, level: 'self' | 'dept' | 'finance') => d.scores.find((s) => s.level === level);
  const derived = (d: FormDetail) => d.derived as { total?: { suggested: number | null }; grade?: { suggested: string | null } } | null;

  return (
    <div data-testid="spot-page">
      <div className="page-toolbar"><Typography.Title level={4} style={{ margin: 0 }}>{t('spot.title')}</Typography.Title></div>
      <Card size="small">
        <AntForm layout="inline" onFinish={draw} initialValues={{ count: 5, share: 10 }}>
          <AntForm.Item label={t('list.year')} name="year"><InputNumber style={{ width: 100 }} /></AntForm.Item>
          <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} style={{ marginRight: 12 }}>
            <Radio.Button value="count">{t('spot.count')}</Radio.Button>
            <Radio.Button value="share">{t('spot.share')}</Radio.Button>
          </Radio.Group>
          {by === 'count' ? (
            <AntForm.Item name="count"><InputNumber min={1} max={100000} style={{ width: 100 }} data-testid="spot-count" /></AntForm.Item>
          ) : (
            <AntForm.Item name="share"><InputNumber min={1} max={100} suffix="%" style={{ width: 100 }} /></AntForm.Item>
          )}
          <AntForm.Item label={t('spot.seed')} name="seed"><Input style={{ width: 160 }} placeholder="随机" /></AntForm.Item>
          <AntForm.Item label="试抽" name="dryRun" valuePropName="checked"><Switch size="small" /></AntForm.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="spot-draw">{t('spot.draw')}</Button>
        </AntForm>
        {drawn ? <div style={{ marginTop: 8 }} className="muted">{t('spot.population', { n: drawn.population, k: drawn.formIds.length })} · {t('spot.seed')} <code>{drawn.seed}</code></div> : null}
      </Card>
      {rows.length ? (
        <Table<FormDetail>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          dataSource={rows}
          pagination={false}
          data-testid="spot-table"
          columns={[
            { title: t('list.project'), render: (_, d) => <a href={href(`/forms/${d.id}`)}>{d.form.projectName ?? '—'}</a>, ellipsis: true },
            { title: t('list.unit'), render: (_, d) => d.orgName, ellipsis: true },
            { title: t('list.status'), width: 130, render: (_, d) => <StatusTag status={d.status} /> },
            ...(['self', 'dept', 'finance'] as const).map((l) => ({
              title: t(`review.${l}`), width: 120, key: l,
              render: (_: unknown, d: FormDetail) => { const s = score(d, l); return s ? <span>{fmtNum(s.totalScore)} <Tag color={gradeColor(s.grade)}>{s.grade ?? '—'}</Tag></span> : '—'; },
            })),
            { title: t('review.recomputed'), width: 120, render: (_, d) => <span>{fmtNum(derived(d)?.total?.suggested ?? null)} <Tag color={gradeColor(derived(d)?.grade?.suggested)}>{derived(d)?.grade?.suggested ?? '—'}</Tag></span> },
            { title: '', width: 90, render: (_, d) => <Button size="small" href={href(`/forms/${d.id}`)}>复核评分</Button> },
          ]}
        />
      ) : null}
      <Card size="small" title={t('spot.history')} style={{ marginTop: 12 }}>
        <Table<SpotCheckRecord>
          size="small"
          rowKey="id"
          dataSource={history}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('history.at'), dataIndex: 'at', render: fmtTime, width: 170 },
            { title: t('list.year'), dataIndex: 'year', width: 80 },
            { title: t('spot.seed'), dataIndex: 'seed', render: (s: string) => <code>{s}</code> },
            { title: '总体/样本', render: (_, r) => `${r.population} / ${r.formIds.length}` },
            { title: '', render: (_, r) => <Space><a onClick={() => void show(r.formIds)}>{t('common.open')}</a><a href={href('/forms', { spotCheckId: r.id })}>{t('nav.forms')}</a></Space> },
          ]}
        />
      </Card>
    </div>
  );
}
