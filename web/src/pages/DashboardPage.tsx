/**
 * Dashboard for a 主管部门 or the 财政局, from the server's aggregates (GET /api/dashboard, /api/yoy):
 * no form is loaded to draw it. Every chart clicks through to the filtered list (and the scatter
 * points to the form itself).
 */
import { useEffect, useMemo, useState } from 'react';
import { Card, Col, InputNumber, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts';
import { api } from '../api/client.js';
import type { Dashboard, FormSummary, Org, YoyItem } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { href, navigate } from '../app/router.js';
import { EChart } from '../components/EChart.js';
import { ErrorAlert } from '../components/errors.js';
import { fmtAmount, fmtNum, fmtPct } from '../lib/format.js';
import { profiles } from '../../../src/scoring/profile.js';

const GRADE_COLOR: Record<string, string> = { 优: '#389e0d', 良: '#1677ff', 中: '#fa8c16', 差: '#cf1322' };
const SCORE_RANGE: Record<string, [number | null, number | null]> = { '<60': [null, 59.999], '60-70': [60, 69.999], '70-80': [70, 79.999], '80-90': [80, 89.999], '90-95': [90, 94.999], '95-100': [95, null] };
/** The 自评虚高 corner: execution below the F8 threshold, score near full marks. */
const LOW_RATE = profiles.national.lowExecutionRatio * 100;
const HIGH_SCORE = profiles.national.fullMarksShare * 100;
/** The scatter draws a bounded sample of forms (one page of summaries), never the whole table. */
const SCATTER_SAMPLE = 200;
/** Over-execution (F4) can reach several hundred percent: such points sit at the right edge. */
const RATE_CAP = 120;

export function DashboardPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const year = query.get('year') ? Number(query.get('year')) : undefined;
  const orgId = query.get('orgId') ?? undefined;
  const [data, setData] = useState<Dashboard | null>(null);
  const [points, setPoints] = useState<FormSummary[]>([]);
  const [inflated, setInflated] = useState<number | null>(null);
  const [yoy, setYoy] = useState<YoyItem[]>([]);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [error, setError] = useState<unknown>(null);

  const scope = { year, orgId };
  const list = (extra: Record<string, string | number | boolean | null | undefined>) => navigate('/forms', { year, orgId, ...extra });

  const load = () => {
    setError(null);
    api.dashboard(scope).then(setData, setError);
    api.listForms({ ...scope, pageSize: SCATTER_SAMPLE, sort: 'updatedAt' }).then((r) => setPoints(r.items), () => setPoints([]));
    api.listForms({ ...scope, rateMax: LOW_RATE - 0.001, scoreMin: HIGH_SCORE, pageSize: 1 }).then((r) => setInflated(r.total), () => setInflated(null));
    api.yoy({ ...scope, pageSize: 20 }).then((r) => setYoy(r.items), () => setYoy([]));
  };
  useEffect(load, [year, orgId]);
  useEffect(() => {
    api.orgs().then((r) => setOrgs(r.items), () => setOrgs([]));
  }, []);

  const options = useMemo(() => (data ? chartOptions(data, points, t) : null), [data, points, t]);

  if (error) return <ErrorAlert error={error} onRetry={load} />;
  if (!data || !options) return <Spin style={{ marginTop: 80, display: 'block' }} />;
  const tt = data.totals;
  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="page-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('dash.title')}</Typography.Title>
        <Space>
          <InputNumber placeholder={t('list.year')} value={year ?? null} onChange={(v) => navigate('/dashboard', { year: v, orgId })} style={{ width: 110 }} data-testid="dash-year" />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('list.filter.org')} style={{ width: 260 }} value={orgId}
            options={orgs.filter((o) => o.kind !== 'unit').map((o) => ({ value: o.id, label: o.name }))} onChange={(v) => navigate('/dashboard', { year, orgId: v })} />
          <span className="muted">{t('dash.clickHint')}</span>
        </Space>
      </div>
      <Row gutter={[12, 12]}>
        {[
          { k: 'dash.forms', v: tt.forms, testId: 'dash-forms', on: () => list({}) },
          { k: 'dash.budget', v: fmtAmount(tt.budget) },
          { k: 'dash.executed', v: fmtAmount(tt.executed) },
          { k: 'dash.rate', v: fmtPct(tt.rate) },
          { k: 'dash.avgScore', v: fmtNum(tt.avgScore) },
          { k: 'dash.avgCalc', v: fmtNum(tt.avgCalcScore) },
          { k: 'dash.inflated', v: inflated ?? '—', on: () => list({ rateMax: LOW_RATE - 0.001, scoreMin: HIGH_SCORE }), testId: 'dash-inflated' },
        ].map((s) => (
          <Col key={s.k} xs={12} md={6} xl={24 / 7 > 3 ? 3 : 3} flex="1">
            <Card size="small" hoverable={!!s.on} onClick={s.on}>
              <Statistic title={t(s.k as never)} value={s.v} valueRender={(n) => <span data-testid={s.testId}>{n}</span>} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('dash.grades')}>
            <EChart testId="chart-grades" option={options.grades} onClick={(p) => p.name && p.name !== '—' && list({ grade: p.name })} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('dash.histogram')}>
            <EChart testId="chart-histogram" option={options.histogram} onClick={(p) => { const r = SCORE_RANGE[p.name]; if (r) list({ scoreMin: r[0], scoreMax: r[1] }); }} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={`${t('dash.scatter')}（≤${SCATTER_SAMPLE}）`}>
            <EChart testId="chart-scatter" option={options.scatter} onClick={(p) => {
              if (p.seriesType === 'scatter' && p.data?.id) navigate(`/forms/${p.data.id}`);
              else if (p.componentType === 'markArea' || p.seriesName === 'corner') list({ rateMax: LOW_RATE - 0.001, scoreMin: HIGH_SCORE });
            }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.orgs')}>
            <EChart testId="chart-orgs" option={options.orgs} style={{ height: Math.max(240, data.byDepartment.length * 28 + 60) }}
              onClick={(p) => { const d = data.byDepartment.find((x) => (x.name ?? '—') === p.name); if (d?.orgId) list({ orgId: d.orgId }); }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.findings')}>
            <EChart testId="chart-findings" option={options.findings} style={{ height: Math.max(240, data.findingsByCode.length * 22 + 60) }} onClick={(p) => p.name && list({ finding: p.name })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.yoy')}>
            <EChart testId="chart-years" option={options.years} onClick={(p) => p.name && p.name !== '—' && list({ year: Number(p.name) })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('dash.yoy')} · 项目`}>
            <Table<YoyItem>
              size="small"
              rowKey={(r) => `${r.previous.id}-${r.current.id}`}
              pagination={false}
              dataSource={yoy}
              scroll={{ y: 240 }}
              columns={[
                { title: t('list.project'), dataIndex: 'projectName', ellipsis: true, render: (v, r) => <a href={href(`/forms/${r.current.id}`)}>{v}</a> },
                { title: t('list.year'), width: 110, render: (_, r) => `${r.previous.year}→${r.current.year}` },
                { title: t('list.score'), width: 120, render: (_, r) => `${fmtNum(r.previous.score)}→${fmtNum(r.current.score)}` },
                { title: '±', dataIndex: 'scoreDelta', width: 70, render: (v: number | null) => (v == null ? '—' : v > 0 ? `+${v}` : String(v)) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function chartOptions(d: Dashboard, points: FormSummary[], t: (k: never) => string) {
  const grades: EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}: {c}' },
      data: d.byGrade.map((g) => ({ name: g.grade ?? '—', value: g.count, itemStyle: { color: GRADE_COLOR[g.grade ?? ''] ?? '#bfbfbf' } })),
    }],
  };
  const histogram: EChartsCoreOption = {
    tooltip: {}, grid: { left: 40, right: 10, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: d.scoreHistogram.map((b) => b.bucket) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: d.scoreHistogram.map((b) => b.count), itemStyle: { color: '#b8322a' }, label: { show: true, position: 'top' } }],
  };
  const pts = points.filter((p) => p.calcRate != null && p.printedScore != null);
  const scatter: EChartsCoreOption = {
    tooltip: { formatter: (p: any) => (p.data?.name ? `${p.data.name}<br/>执行率 ${p.data.rate}% · 得分 ${p.data.value[1]}` : '') },
    grid: { left: 40, right: 16, top: 20, bottom: 40 },
    xAxis: { type: 'value', name: `执行率%（>${RATE_CAP}% 记在右端）`, nameLocation: 'middle', nameGap: 24, min: 0, max: RATE_CAP },
    yAxis: { type: 'value', name: '得分', min: (v: { min: number }) => Math.min(50, Math.floor(v.min / 10) * 10), max: 100 },
    series: [
      {
        type: 'scatter', symbolSize: 8,
        data: pts.map((p) => ({
          id: p.id, name: escapeHtml(p.projectName ?? ''), rate: Math.round(p.calcRate! * 100) / 100,
          value: [Math.min(Math.round(p.calcRate! * 100) / 100, RATE_CAP), p.printedScore],
          symbol: p.calcRate! > RATE_CAP ? 'triangle' : 'circle',
          itemStyle: { color: p.calcRate! < LOW_RATE && p.printedScore! >= HIGH_SCORE ? '#cf1322' : p.calcRate! > 100 ? '#fa8c16' : '#1677ff' },
        })),
        markArea: {
          silent: false,
          itemStyle: { color: 'rgba(207,19,34,0.10)', borderColor: '#cf1322', borderType: 'dashed', borderWidth: 1 },
          label: { show: true, position: 'insideTopLeft', color: '#cf1322', formatter: t('dash.inflated' as never) },
          data: [[{ xAxis: 0, yAxis: HIGH_SCORE }, { xAxis: LOW_RATE, yAxis: 100 }]],
        },
      },
    ],
  };
  const depts = [...d.byDepartment].sort((a, b) => (a.avgScore ?? 0) - (b.avgScore ?? 0));
  const orgs: EChartsCoreOption = {
    tooltip: { trigger: 'axis' }, grid: { left: 180, right: 40, top: 10, bottom: 20 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: depts.map((x) => x.name ?? '—'), axisLabel: { width: 170, overflow: 'truncate' } },
    series: [{ type: 'bar', data: depts.map((x) => x.avgScore), label: { show: true, position: 'right' }, itemStyle: { color: '#d48806' } }],
  };
  const codes = [...d.findingsByCode].sort((a, b) => a.forms - b.forms);
  const sevColor: Record<string, string> = { error: '#cf1322', warning: '#fa8c16', info: '#1677ff' };
  const findings: EChartsCoreOption = {
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 40, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1, name: '表数' },
    yAxis: { type: 'category', data: codes.map((c) => c.code) },
    series: [{ type: 'bar', data: codes.map((c) => ({ value: c.forms, itemStyle: { color: sevColor[c.severity] ?? '#999' } })), label: { show: true, position: 'right' } }],
  };
  const years: EChartsCoreOption = {
    tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 40, right: 40, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: d.byYear.map((y) => String(y.year ?? '—')) },
    yAxis: [{ type: 'value', name: '表数', minInterval: 1 }, { type: 'value', name: '平均分', min: 0, max: 100 }],
    series: [
      { name: '表数', type: 'bar', data: d.byYear.map((y) => y.forms), itemStyle: { color: '#b8322a' } },
      { name: '平均分', type: 'line', yAxisIndex: 1, data: d.byYear.map((y) => y.avgScore) },
    ],
  };
  return { grades, histogram, scatter, orgs, findings, years };
}

/** ECharts tooltips are HTML: form text goes through this before it reaches one. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
