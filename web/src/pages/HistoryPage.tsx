/** Audit history of one form: each change set (one save, one workflow step) with the diff of every field. */
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api/client.js';
import type { AuditRecord, FormDetail } from '../api/types.js';
import { href } from '../app/router.js';
import { useI18n } from '../i18n/index.js';
import { ErrorAlert } from '../components/errors.js';
import { pathLabel } from '../lib/paths.js';
import { fmtTime } from '../lib/format.js';

const ACTION: Record<string, string> = {
  'form.create': '创建', 'form.edit': '修改', 'form.version': '保存', 'form.submit': '提交', 'form.approve': '主管部门通过', 'form.return': '退回',
  'form.accept': '财政局确认并公开', 'form.comment': '批注', 'form.delete': '删除', 'comment.resolve': '批注已处理', 'score.dept': '主管部门评分', 'score.finance': '财政局评分',
};

/** Consecutive entries by the same actor at the same instant are one change set. */
export function groupAudit(items: AuditRecord[]): AuditRecord[][] {
  const out: AuditRecord[][] = [];
  for (const r of items) {
    const last = out[out.length - 1];
    if (last && last[0].at === r.at && last[0].actorName === r.actorName) last.push(r);
    else out.push([r]);
  }
  return out;
}

const show = (v: unknown): string => (v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function HistoryPage({ id }: { id: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<AuditRecord[] | null>(null);
  const [detail, setDetail] = useState<FormDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.audit(id).then((r) => setItems(r.items), setError);
    api.getForm(id).then(setDetail, () => {});
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!items) return <Spin style={{ marginTop: 80, display: 'block' }} />;
  const groups = groupAudit(items).reverse();
  return (
    <div data-testid="history-page">
      <div className="page-toolbar">
        <Space>
          <Button icon={<ArrowLeftOutlined />} href={href(`/forms/${id}`)}>{t('common.back')}</Button>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('history.title')}：{detail?.form.projectName ?? ''}</Typography.Title>
        </Space>
      </div>
      {groups.length === 0 ? <Empty /> : null}
      <Timeline
        items={groups.map((g, gi) => {
          const edits = g.filter((r) => r.action === 'form.edit');
          const other = g.filter((r) => r.action !== 'form.edit');
          const ver = g.find((r) => r.action === 'form.version');
          return {
            key: gi,
            children: (
              <Card size="small" className="history-set">
                <Space wrap>
                  <b>{fmtTime(g[0].at)}</b>
                  <span>{g[0].actorName ?? 'system'}</span>
                  {[...new Set(other.map((r) => r.action))].map((a) => <Tag key={a}>{ACTION[a] ?? a}</Tag>)}
                  {ver ? <span className="muted">v{show(ver.old)} → v{show(ver.new)}</span> : null}
                </Space>
                {other.filter((r) => r.field === 'status' || r.action === 'form.comment' || r.action.startsWith('score.')).map((r) => (
                  <div key={r.id} className="muted">
                    {r.action === 'form.comment' ? `${r.field ? pathLabel(r.field, detail?.form) : '整张表'}：${show(r.new)}` : r.field === 'status' ? `状态：${t(`status.${show(r.old)}` as never)} → ${t(`status.${show(r.new)}` as never)}` : `${show(r.old)} → ${show(r.new)}`}
                  </div>
                ))}
                {edits.length ? (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="id"
                    dataSource={edits}
                    style={{ marginTop: 6 }}
                    columns={[
                      { title: t('history.field'), dataIndex: 'field', width: 240, render: (f: string) => <span title={f}>{pathLabel(f, detail?.form)}</span> },
                      { title: t('history.old'), dataIndex: 'old', render: (v: unknown) => <del className="diff-old">{show(v)}</del> },
                      { title: t('history.new'), dataIndex: 'new', render: (v: unknown) => <ins className="diff-new">{show(v)}</ins> },
                    ]}
                  />
                ) : null}
              </Card>
            ),
          };
        })}
      />
    </div>
  );
}
