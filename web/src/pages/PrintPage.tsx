/**
 * Print view: the official 自评表 table as printed (A4 landscape, @page in styles.css), for the
 * browser's print to PDF. Printed values only; text is rendered as text.
 */
import { useEffect, useState } from 'react';
import { Button, Space, Spin } from 'antd';
import { PrinterOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import type { Form } from '../../../src/model/form.js';
import { scoreForm } from '../../../src/scoring/index.js';
import { api } from '../api/client.js';
import type { FormDetail } from '../api/types.js';
import { href } from '../app/router.js';
import { ErrorAlert } from '../components/errors.js';
import { fmtAmount, fmtNum } from '../lib/format.js';

export function PrintPage({ id }: { id: string }) {
  const [d, setD] = useState<FormDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.getForm(id).then(setD, setError);
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!d) return <Spin style={{ marginTop: 80, display: 'block' }} />;
  return (
    <div className="print-root" data-testid="print-view">
      <Space className="no-print" style={{ margin: 12 }}>
        <Button icon={<ArrowLeftOutlined />} href={href(`/forms/${id}`)}>返回</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印 / 导出 PDF</Button>
      </Space>
      <OfficialTable form={d.form} />
    </div>
  );
}

const amt = (v: number | null) => (v == null ? '' : fmtAmount(v));
const num = (v: number | null) => (v == null ? '' : fmtNum(v));

export function OfficialTable({ form }: { form: Form }) {
  const f = form.funds;
  const grade = scoreForm(form).grade.printed;
  const rows = form.indicators;
  // merged level-1 / level-2 cells, as on paper
  const l1: number[] = [];
  const l2: number[] = [];
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
  return (
    <table className="official">
      <colgroup>
        <col style={{ width: '8%' }} /><col style={{ width: '9%' }} /><col style={{ width: '10%' }} /><col style={{ width: '15%' }} />
        <col style={{ width: '11%' }} /><col style={{ width: '11%' }} /><col style={{ width: '6%' }} /><col style={{ width: '6%' }} /><col style={{ width: '24%' }} />
      </colgroup>
      <tbody>
        <tr><td colSpan={9} className="title">财政项目支出绩效自评表</td></tr>
        <tr><td colSpan={9} className="subtitle">（{form.year ?? '    '} 年度）</td></tr>
        <tr><td className="c">项目名称</td><td colSpan={8}>{form.projectName}</td></tr>
        <tr><td className="c">主管部门</td><td colSpan={3}>{form.department}</td><td className="c">实施单位</td><td colSpan={4}>{form.implementingUnit}</td></tr>
        <tr><td rowSpan={5} className="c">项目资金<br />（元）</td><td /><td className="c">年初预算数</td><td className="c">全年预算数</td><td className="c">全年执行数</td><td className="c">分值</td><td className="c">执行率</td><td className="c" colSpan={2}>得分</td></tr>
        <tr><td>年度资金总额</td><td className="n">{amt(f.total.initialBudget)}</td><td className="n">{amt(f.total.annualBudget)}</td><td className="n">{amt(f.total.executed)}</td><td className="n">{num(f.total.weight)}</td><td className="n">{f.total.rate == null ? '' : `${fmtNum(f.total.rate)}%`}</td><td className="n" colSpan={2}>{num(f.total.score)}</td></tr>
        {(['fiscal', 'carryover', 'other'] as const).map((k) => (
          <tr key={k}><td>{k === 'fiscal' ? '其中：当年财政拨款' : k === 'carryover' ? '上年结转资金' : '其他资金'}</td><td className="n">{amt(f[k].initialBudget)}</td><td className="n">{amt(f[k].annualBudget)}</td><td className="n">{amt(f[k].executed)}</td><td className="c">—</td><td className="c">—</td><td className="c" colSpan={2}>—</td></tr>
        ))}
        <tr><td rowSpan={2} className="c">年度总体目标</td><td colSpan={4} className="c">预期目标</td><td colSpan={4} className="c">实际完成情况</td></tr>
        <tr><td colSpan={4} className="text">{form.goals.expected}</td><td colSpan={4} className="text">{form.goals.actual}</td></tr>
        <tr><td rowSpan={rows.length + 1} className="c">绩效指标</td><td className="c">一级指标</td><td className="c">二级指标</td><td className="c">三级指标</td><td className="c">年度指标值</td><td className="c">实际完成值</td><td className="c">分值</td><td className="c">得分</td><td className="c">偏差原因分析及改进措施</td></tr>
        {rows.map((r, i) => (
          <tr key={i}>
            {l1[i] ? <td rowSpan={l1[i]} className="c">{r.level1}</td> : null}
            {l2[i] ? <td rowSpan={l2[i]} className="c">{r.level2}</td> : null}
            <td>{r.level3}</td><td>{r.target}</td><td>{r.actual}</td><td className="n">{num(r.weight)}</td><td className="n">{num(r.score)}</td><td className="text">{r.deviation}</td>
          </tr>
        ))}
        <tr><td colSpan={6} className="c">总分</td><td className="n">{num(form.totalWeight)}</td><td className="n">{num(form.totalScore)}</td><td>{grade ? `自评等级：${grade}` : ''}</td></tr>
      </tbody>
    </table>
  );
}
