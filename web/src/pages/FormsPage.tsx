/**
 * The list of forms and, for reviewers, the review queue: filters live in the URL (so a chart can
 * link here), paging and sorting happen on the server.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, type ListQuery } from '../api/client.js';
import { FORM_STATUSES, type FormSummary, type Org, type Page } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../app/session.js';
import { href, navigate } from '../app/router.js';
import { StatusTag } from '../components/StatusTag.js';
import { ErrorAlert } from '../components/errors.js';
import { gradeColor } from '../editor/FormSheet.js';
import { fmtAmount, fmtNum, fmtPct, fmtTime } from '../lib/format.js';
import { allRules } from '../../../src/checks/catalogue.js';

const FILTER_KEYS = ['status', 'orgId', 'grade', 'gradeOf', 'finding', 'q', 'year', 'spotChecked', 'spotCheckId', 'rateMin', 'rateMax', 'scoreMin', 'scoreMax', 'hasErrors', 'sort', 'order', 'page'] as const;
const CODES = allRules.map((r) => r.id).sort((a, b) => a[0].localeCompare(b[0]) || Number(a.slice(1)) - Number(b.slice(1)));

export function FormsPage({ query, queue }: { query: URLSearchParams; queue?: boolean }) {
  const { t } = useI18n();
  const { session } = useSession();
  const role = session.user.role;
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [data, setData] = useState<Page<FormSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const defaultStatus = queue ? (role === 'finance_reviewer' ? 'finance_review' : role === 'dept_reviewer' ? 'dept_review' : 'dept_review,finance_review') : '';
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = query.get(k);
      if (v != null && v !== '') f[k] = v;
    }
    if (queue && f.status == null) f.status = defaultStatus;
    return f;
  }, [query, queue, defaultStatus]);

  const setFilter = (patch: Record<string, string | number | boolean | null | undefined>) => {
    const next: Record<string, string | number | boolean | null | undefined> = { ...filters, page: undefined, ...patch };
    navigate(queue ? '/queue' : '/forms', next);
  };

  useEffect(() => {
    api.orgs().then((r) => setOrgs(r.items), () => setOrgs([]));
  }, []);

  const load = () => {
    setLoading(true);
    setError(null);
    const q: ListQuery = { ...filters, pageSize: 20 } as ListQuery;
    api
      .listForms(q)
      .then(setData, setError)
      .finally(() => setLoading(false));
  };
  useEffect(load, [filters]);

  const orgOptions = orgs.filter((o) => o.kind !== 'finance').map((o) => ({ value: o.id, label: `${o.kind === 'department' ? '【部门】' : ''}${o.name}` }));
  const status = filters.status ? filters.status.split(',') : [];

  return (
    <div>
      <div className="page-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>{queue ? t('nav.queue') : t('nav.forms')}</Typography.Title>
        {role === 'filler' || role === 'admin' ? (
          <Button type="primary" icon={<PlusOutlined />} href={href('/forms/new')} data-testid="new-form">{t('nav.new')}</Button>
        ) : null}
      </div>
      <Card size="small" className="filters" data-testid="filters">
        <Space wrap>
          <Select mode="multiple" allowClear placeholder={t('list.filter.status')} style={{ minWidth: 200 }} value={status} data-testid="filter-status"
            options={FORM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} onChange={(v: string[]) => setFilter({ status: v.join(',') || (queue ? ',' : null) })} />
          {orgOptions.length > 1 ? (
            <Select allowClear showSearch optionFilterProp="label" placeholder={t('list.filter.org')} style={{ width: 240 }} value={filters.orgId} options={orgOptions} onChange={(v) => setFilter({ orgId: v })} />
          ) : null}
          <Select allowClear placeholder={t('list.filter.grade')} style={{ width: 110 }} value={filters.grade} data-testid="filter-grade"
            options={['优', '良', '中', '差'].map((g) => ({ value: g, label: g }))} onChange={(v) => setFilter({ grade: v })} />
          <Select allowClear showSearch placeholder={t('list.filter.finding')} style={{ width: 130 }} value={filters.finding} data-testid="filter-finding"
            options={CODES.map((c) => ({ value: c, label: c }))} onChange={(v) => setFilter({ finding: v })} />
          <InputNumber placeholder={t('list.year')} style={{ width: 100 }} value={filters.year ? Number(filters.year) : null} onChange={(v) => setFilter({ year: v })} />
          <Input.Search allowClear placeholder={t('list.filter.q')} style={{ width: 240 }} defaultValue={filters.q} onSearch={(v) => setFilter({ q: v })} data-testid="filter-q" />
          {role === 'finance_reviewer' || role === 'admin' ? (
            <Space size={4}><Switch size="small" checked={filters.spotChecked === 'true'} onChange={(v) => setFilter({ spotChecked: v ? 'true' : null })} />{t('list.filter.spot')}</Space>
          ) : null}
          {filters.rateMin || filters.rateMax || filters.scoreMin || filters.scoreMax || filters.spotCheckId ? (
            <Tag closable onClose={() => setFilter({ rateMin: null, rateMax: null, scoreMin: null, scoreMax: null, spotCheckId: null })}>
              {filters.rateMin || filters.rateMax ? `${t('list.rate')} ${filters.rateMin ?? ''}–${filters.rateMax ?? ''}% ` : ''}
              {filters.scoreMin || filters.scoreMax ? `${t('list.score')} ${filters.scoreMin ?? ''}–${filters.scoreMax ?? ''} ` : ''}
              {filters.spotCheckId ? t('spot.title') : ''}
            </Tag>
          ) : null}
          <Button onClick={() => navigate(queue ? '/queue' : '/forms')}>{t('common.reset')}</Button>
        </Space>
      </Card>
      {error ? <ErrorAlert error={error} onRetry={load} /> : null}
      <Table<FormSummary>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="forms-table"
        onRow={(r) => ({ onClick: () => navigate(`/forms/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: data?.page ?? 1, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, showSizeChanger: false,
          showTotal: (n) => t('list.total', { n }), onChange: (p) => setFilter({ page: p }),
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (s?.columnKey) setFilter({ sort: s.order ? String(s.columnKey) : null, order: s.order === 'ascend' ? 'asc' : s.order ? 'desc' : null, page: filters.page });
        }}
        scroll={{ x: 1100 }}
        columns={[
          { key: 'projectName', title: t('list.project'), dataIndex: 'projectName', sorter: true, ellipsis: true, render: (v: string | null, r) => <a href={href(`/forms/${r.id}`)} data-testid="form-link">{v ?? '—'}</a> },
          { key: 'year', title: t('list.year'), dataIndex: 'year', width: 70, sorter: true },
          { key: 'implementingUnit', title: t('list.unit'), dataIndex: 'implementingUnit', ellipsis: true, sorter: true },
          { key: 'status', title: t('list.status'), dataIndex: 'status', width: 130, render: (s) => <StatusTag status={s} /> },
          { key: 'budget', title: t('list.budget'), dataIndex: 'budget', align: 'right', width: 130, sorter: true, render: fmtAmount },
          { key: 'rate', title: t('list.rate'), dataIndex: 'calcRate', align: 'right', width: 90, sorter: true, render: (v: number | null) => fmtPct(v) },
          { key: 'score', title: t('list.score'), dataIndex: 'printedScore', align: 'right', width: 90, sorter: true, render: fmtNum },
          { key: 'calcScore', title: t('list.calcScore'), dataIndex: 'calcScore', align: 'right', width: 90, sorter: true, render: fmtNum },
          { key: 'grade', title: t('list.grade'), width: 110, render: (_, r) => <Space size={2}><Tag color={gradeColor(r.printedGrade)}>{r.printedGrade ?? '—'}</Tag>{r.calcGrade && r.calcGrade !== r.printedGrade ? <Tag color={gradeColor(r.calcGrade)}>→{r.calcGrade}</Tag> : null}</Space> },
          { key: 'errors', title: t('list.findings'), width: 100, sorter: true, render: (_, r) => <Space size={2}>{r.errorCount ? <Tag color="red">{r.errorCount}</Tag> : null}{r.warningCount ? <Tag color="orange">{r.warningCount}</Tag> : null}{r.spotCheckId ? <Tag color="purple">抽</Tag> : null}</Space> },
          { key: 'updatedAt', title: t('list.updated'), dataIndex: 'updatedAt', width: 160, sorter: true, render: fmtTime },
        ]}
      />
    </div>
  );
}
